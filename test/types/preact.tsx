// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- see the next line
// @ts-nocheck: the root project has no JSX settings; test/contract/framework-types.test.ts checks this file
// with test/types/tsconfig.json and Preact's JSX, and compares its errors with the `expect-error` lines.
/** @jsxImportSource preact */
import type {} from 'isometric-widgets/preact';

export const ok = (
  <div>
    <iso-project-card project-id="prj_1VJRKMRFEEBVY39C" theme="light" show-documents heading-level={2} oniso-load={(event) => event.detail.source} />
    <iso-retirement-certificate retirement-id="ret_1HP0Q7DJP2VDY2GR" heading-level="2" />
    <iso-retirement-feed beneficiary-id="org_13A3ZT7HN04698J6" oniso-retirement-select={(event) => event.detail.retirementId} />
  </div>
);

// expect-error TS2322 Type '"blue"' is not assignable to type
export const wrongEnum = <iso-project-card project-id="prj_1VJRKMRFEEBVY39C" theme="blue" />;

// expect-error TS2322 Type 'number' is not assignable to type 'string'.
export const wrongType = <iso-project-card project-id={42} />;

// expect-error TS2339 Property 'iso-project-crad' does not exist on type 'JSX.IntrinsicElements'.
export const wrongTag = <iso-project-crad />;

// expect-error TS2339 Property 'source' does not exist on type 'Readonly<{ retirementId: string; }>'.
export const wrongDetail = <iso-retirement-feed oniso-retirement-select={(event) => event.detail.source} />;
