/** The practitioner's own details, checked the same way at activation and in the profile. */

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
    name: text(form.get('name')).slice(0, 200),
    phone: text(form.get('phone')).slice(0, 60),
    jobTitle: text(form.get('jobTitle')).slice(0, 200)
  };
}

export function checkProfileFields(fields: ProfileFields): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.name.length < 2 || fields.name.length > 100) {
    errors.name = 'Enter your full name (2 to 100 characters).';
  }
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
