// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- see the next line
// @ts-nocheck: type errors on purpose; test/contract/framework-types.test.ts checks this file with test/types/tsconfig.json.
// Checked by test/contract/framework-types.test.ts with test/types/tsconfig.json: Vue's GlobalComponents
// entries give templates (vue-tsc) the elements' attributes and events.
import type {} from 'isometric-widgets/vue';
import type { GlobalComponents } from 'vue';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

export const card: Props<'iso-project-card'> = {
  'project-id': 'prj_1VJRKMRFEEBVY39C',
  theme: 'dark',
  'show-documents': true,
  onIsoLoad: (event) => event.detail.source,
};

export const feed: Props<'iso-retirement-feed'> = { 'beneficiary-id': 'org_13A3ZT7HN04698J6', onIsoRetirementSelect: (event) => event.detail.retirementId };

// expect-error TS2322 Type '"blue"' is not assignable to type '"light" | "dark" | undefined'.
export const wrongEnum: Props<'iso-project-card'> = { theme: 'blue' };

// expect-error TS2322 Type 'number' is not assignable to type 'string'.
export const wrongType: Props<'iso-project-card'> = { 'project-id': 42 };
