/**
 * The practitioner's own details, checked the same way at activation and in the profile. The
 * full name follows the one person-name rule that clients' names follow too
 * (people/person-name.ts).
 */
import { cleanPersonName, personNameProblem } from '../people/person-name.ts';

export interface ProfileFields {
  name: string;
  phone: string;
  jobTitle: string;
}

export type FieldErrors = Partial<Record<string, string>>;

const text = (value: unknown) =>
  String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();

export function readProfileFields(form: FormData): ProfileFields {
  return {
    // Control characters stay for the rule to refuse; `text` would turn them into spaces.
    name: cleanPersonName(String(form.get('name') ?? '').slice(0, 200)),
    phone: text(form.get('phone')).slice(0, 60),
    jobTitle: text(form.get('jobTitle')).slice(0, 200)
  };
}

export const FULL_NAME = { label: 'your full name', required: true, min: 2, max: 100 } as const;

/**
 * `storedName`: the name the account has now. Sending it back unchanged is no change and is not
 * judged again, so an account named before the rule can still update its phone or job title.
 */
export function checkProfileFields(fields: ProfileFields, storedName?: string | null): FieldErrors {
  const errors: FieldErrors = {};
  const nameProblem =
    fields.name === storedName ? undefined : personNameProblem(fields.name, FULL_NAME);
  if (nameProblem) errors.name = nameProblem;
  // Colleagues call this number: digits with the usual separators, long enough to dial.
  const digits = fields.phone.replace(/\D/g, '');
  if (!/^[0-9+()\-. ]+$/.test(fields.phone) || digits.length < 6 || digits.length > 20) {
    errors.phone = 'Enter a work phone number colleagues can call, for example 02 9555 0123.';
  }
  if (fields.jobTitle.length < 2 || fields.jobTitle.length > 100) {
    errors.jobTitle = 'Enter your job title (2 to 100 characters).';
  }
  return errors;
}
