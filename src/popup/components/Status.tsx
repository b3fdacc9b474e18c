/** Loading and error states of async views. */
import { useT } from '../i18n';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return <p role="status" className="hint"><span className="spinner" aria-hidden="true" /> {label ?? t('loading')}</p>;
}
