import { api } from './api.ts';
import { formValue } from './forms.ts';
import type { PasswordChange } from '#shared/api/accounts.ts';

/** Changes one's own password from a form holding `currentPassword` and `newPassword`. */
export const sendPasswordChange = (form: FormData) =>
  api('PUT', '/me/password', {
    currentPassword: formValue(form, 'currentPassword'),
    newPassword: formValue(form, 'newPassword'),
  } satisfies PasswordChange);

/** The server's refusals of a password change, each shown at the field it is about (Form's `errorFields`). */
export const passwordChangeErrorFields = {
  reauthentication_failed: 'currentPassword',
  password_too_short: 'newPassword',
  password_common: 'newPassword',
  password_contains_username: 'newPassword',
  password_unchanged: 'newPassword',
};
