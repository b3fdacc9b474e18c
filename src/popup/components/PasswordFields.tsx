import { useId } from 'react';
import { useT } from '../i18n';

export type PasswordStrength = 'weak' | 'fair' | 'strong';

/** A hint only (the rule enforced is the length): length and character variety. */
export function passwordStrength(pw: string): PasswordStrength {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  const len = Array.from(pw).length;
  if (len >= 14 && classes >= 3) return 'strong';
  if (len >= 10 && classes >= 2) return 'fair';
  return 'weak';
}

export const MIN_PASSWORD = 8;
export const passwordProblem = (pw: string, confirm: string): 'passwordTooShort' | 'passwordsDiffer' | null =>
  Array.from(pw).length < MIN_PASSWORD ? 'passwordTooShort' : pw !== confirm ? 'passwordsDiffer' : null;

type Props = {
  password: string; confirm: string; onPassword: (v: string) => void; onConfirm: (v: string) => void;
  labels?: { password: 'password' | 'newPassword'; confirm: 'confirmPassword' | 'confirmNewPassword' };
};

/** "Password" + "Confirm password" with the strength hint and the rules shown as the user types. */
export function PasswordFields({ password, confirm, onPassword, onConfirm, labels }: Props) {
  const t = useT();
  const id = useId();
  const strength = passwordStrength(password);
  const problem = passwordProblem(password, confirm);
  return (
    <div>
      <label htmlFor={`${id}-pw`}>{t(labels?.password ?? 'password')}</label>
      <input id={`${id}-pw`} type="password" autoComplete="new-password" value={password} onChange={(e) => onPassword(e.target.value)} aria-describedby={`${id}-hint`} />
      <div id={`${id}-hint`} className="hint" aria-live="polite">
        {password && t('strength', { level: t(strength === 'weak' ? 'strengthWeak' : strength === 'fair' ? 'strengthFair' : 'strengthStrong') })}
        {password && problem === 'passwordTooShort' && <span className="error"> {t('passwordTooShort')}</span>}
      </div>
      <label htmlFor={`${id}-confirm`}>{t(labels?.confirm ?? 'confirmPassword')}</label>
      <input id={`${id}-confirm`} type="password" autoComplete="new-password" value={confirm} onChange={(e) => onConfirm(e.target.value)} />
      {confirm && problem === 'passwordsDiffer' && <div className="error" role="alert">{t('passwordsDiffer')}</div>}
    </div>
  );
}
