// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- see the next line
// @ts-nocheck: the root project has no JSX settings; test/contract/framework-types.test.ts checks this file
// with test/types/tsconfig.json (React 19 JSX) and compares its errors with the `expect-error` lines.
import { useRef } from 'react';
import { IsoCheckoutButton, IsoProjectCard, IsoRetirementFeed } from 'isometric-widgets/react';
import type { IsoProjectCard as IsoProjectCardElement } from '../../src/elements/project-card/project-card.js';

export function Page() {
  const card = useRef<IsoProjectCardElement>(null);
  return (
    <>
      <iso-project-card ref={card} project-id="prj_1VJRKMRFEEBVY39C" theme="dark" show-documents heading-level={2} className="card" oniso-load={(event) => event.detail.source} />
      <iso-impact-counter organisation-id="org_13A3ZT7HN04698J6" unit="kg" breakdown="project" show-active oniso-error={(event) => event.detail.kind} />
      <iso-retirement-feed beneficiary-id="org_13A3ZT7HN04698J6" page-size="5" compact>
        <p slot="empty">Nothing yet.</p>
      </iso-retirement-feed>
      <iso-checkout-button inline presets="1,5,10" heading-level="3">Buy carbon removal</iso-checkout-button>
      <IsoProjectCard projectId="prj_1VJRKMRFEEBVY39C" showDocuments headingLevel={2} onIsoLoad={(event) => event.detail.source} onIsoError={(event) => event.detail.status} />
      <IsoRetirementFeed beneficiaryId="org_13A3ZT7HN04698J6" pageSize={5} onIsoRetirementSelect={(event) => event.detail.retirementId} />
      <IsoCheckoutButton inline presets="1,5" onIsoCheckoutRedirect={(event) => event.preventDefault()}>
        Buy carbon removal
      </IsoCheckoutButton>
    </>
  );
}

// expect-error TS2322 Type '"blue"' is not assignable to type '"light" | "dark" | undefined'.
export const wrongEnum = <iso-project-card project-id="prj_1VJRKMRFEEBVY39C" theme="blue" />;

// expect-error TS2322 Type 'number' is not assignable to type 'string'.
export const wrongType = <iso-project-card project-id={42} />;

// expect-error TS2322 Type 'string' is not assignable to type 'boolean | undefined'.
export const wrongFlag = <iso-project-card project-id="prj_1VJRKMRFEEBVY39C" show-documents="yes" />;

// expect-error TS2322 Type '"three"' is not assignable to type 'number | `${number}` | undefined'.
export const wrongNumber = <iso-project-card project-id="prj_1VJRKMRFEEBVY39C" heading-level="three" />;

// expect-error TS2339 Property 'iso-project-crad' does not exist on type 'JSX.IntrinsicElements'.
export const wrongTag = <iso-project-crad project-id="prj_1VJRKMRFEEBVY39C" />;

// expect-error TS2339 Property 'kind' does not exist on type 'Readonly<{ source: string; }>'.
export const wrongDetail = <iso-project-card oniso-load={(event) => event.detail.kind} />;

// expect-error TS2322 Property 'projectIdd' does not exist on type
export const wrongProp = <IsoProjectCard projectIdd="prj_1VJRKMRFEEBVY39C" />;

// expect-error TS2322 Type 'number' is not assignable to type 'string'.
export const wrongPropType = <IsoProjectCard projectId={42} />;

// expect-error TS2339 Property 'url' does not exist on type 'Readonly<{ source: string; }>'.
export const wrongEvent = <IsoProjectCard onIsoLoad={(event) => event.detail.url} />;

// TypeScript never checks unknown hyphenated JSX attribute names (it treats them like data-*), so
// this misspelling passes on the tag; the wrappers above (camelCase props) do catch it.
export const hyphenated = <iso-project-card project-idd="prj_1VJRKMRFEEBVY39C" />;
