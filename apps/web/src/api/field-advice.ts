/** A field the API named in a refusal, and what it said of it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * What to do about a field left empty or not understood, in place of the API's plain "is
 * required": the API names the fault, a form says how to put it right.
 */
const ADVICE: Record<string, string> = {
  name: 'Enter the full name, like Amara Okafor',
  email: 'Enter an email address, like amara.okafor@nhs.net',
  phone: 'Enter a phone number, like 020 7946 0000',
  role: 'Enter the role, like Regional lead',
  memberId: 'Choose a member',
  region: 'Choose a region',
  regionCode: 'Choose a region',
  category: 'Choose a category',
  // Dates are typed in three boxes (DateInput), so the API's 2026-04-01 form means nothing here.
  startsOn: 'Enter a real date, like 27 3 2026',
  endsOn: 'Enter a real date, like 27 3 2026',
  startsAt: 'Enter the date and time it starts',
  endsAt: 'Enter the date and time it ends',
  title: 'Enter a title',
  code: 'Enter a short code of lower-case letters and hyphens, like north-west',
  typeCode: 'Choose a type',
  onlineUrl: 'Enter a web address starting with https://',
};

/** Messages that say only that something is wrong, not what to do. */
const PLAIN =
  /^(is required|should not be empty|must not be empty or only spaces|must be an email address|cannot be cleared|must be a string|must be a UUID|must be a valid ISO 8601 date string|must be longer than or equal to 1 characters?|must be a date like .*)$/;

export function withAdvice(details: FieldError[]): FieldError[] {
  return details.map((d) => (PLAIN.test(d.message) && ADVICE[d.field] ? { ...d, message: ADVICE[d.field] } : d));
}
