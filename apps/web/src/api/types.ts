/**
 * Left for My details' messages choice until it takes the generated type itself (issue 20,
 * item 4): every other answer, enum and label now comes from the API document or @seg/rules.
 */
export type { MemberRecord as MyRecord } from './openapi.generated';
