/**
 * What a risk rule reports. A Finding is JSON (no bigint), carries its text in both UI languages, and maps onto
 * today's `Warning` (see `toWarning`) so that handlers can pass findings to the approval window before the popup
 * learns about severities and languages.
 */
import type { Warning } from '../../shared/approval';
import { InvalidParamsError } from '../../shared/errors';
import { MESSAGES, type FindingCode } from './messages';

export type { FindingCode };
export type Severity = 'info' | 'warning' | 'danger';
export type RiskLocale = 'en' | 'zh_CN';
export type Localized = Record<RiskLocale, string>;

export type Finding = {
  /** Stable identifier (also the i18n key of the message in `messages.ts`). */
  code: FindingCode;
  severity: Severity;
  /** Locale-neutral values the message interpolates (addresses, base-unit amounts, ids). */
  params: Record<string, string>;
  /** The message rendered in each UI language. */
  message: Localized;
  /** Set when the request must be answered with this error instead of opening a window (MetaMask parity). */
  refuse?: { code: number; message: string };
  /** Set when the danger needs the specific "I checked the whole address" confirmation. */
  confirm?: 'checked-whole-address';
};

const RANK: Record<Severity, number> = { danger: 0, warning: 1, info: 2 };

/** `{name}` placeholders filled from vars; a missing var is left visible rather than silently dropped. */
export function interpolate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? (vars[k] as string) : m));
}

export type FindingOptions = {
  /** Values that differ per language (e.g. "unlimited" / "无限"), merged over `params` when rendering. */
  localParams?: Partial<Record<RiskLocale, Record<string, string>>>;
  refuse?: boolean;
  confirm?: Finding['confirm'];
};

/** Builds a finding from the catalogue: severity and templates come from `MESSAGES[code]`. */
export function finding(code: FindingCode, params: Record<string, string>, opts: FindingOptions = {}): Finding {
  const entry = MESSAGES[code];
  const render = (locale: RiskLocale) => interpolate(entry[locale], { ...params, ...opts.localParams?.[locale] });
  const message = { en: render('en'), zh_CN: render('zh_CN') };
  return {
    code, severity: entry.severity, params, message,
    ...(opts.refuse ? { refuse: { code: InvalidParamsError.code, message: message.en } } : {}),
    ...(opts.confirm ? { confirm: opts.confirm } : {}),
  };
}

/** Danger first, then warning, then info; stable within a severity (rule order). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i).map((x) => x.f);
}

/** The first refusal, if any: the handler answers with it and opens no window. */
export function refusalOf(findings: readonly Finding[]): Finding['refuse'] | null {
  return findings.find((f) => f.refuse)?.refuse ?? null;
}

/** Throws the -32602 error of the first refusing finding (call before `approvals.request`). */
export function throwIfRefused(findings: readonly Finding[]): void {
  const r = refusalOf(findings);
  if (r) throw new InvalidParamsError(r.message);
}

/** A danger shown in the window needs a second, explicit confirmation (issue 8, item 6). */
export function needsSecondConfirmation(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'danger' && !f.refuse);
}

/** The look-alike recipient danger asks for "I checked the whole address" rather than a generic confirmation. */
export function needsWholeAddressCheck(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.confirm === 'checked-whole-address');
}

/**
 * A Warning the popup renders today, extended with the finding's own fields. `level` has no 'info' today, so
 * an info finding shows with the (yellow) warning style until the popup reads `severity`.
 */
export type FindingWarning = Warning & Pick<Finding, 'severity' | 'params' | 'confirm'> & { i18n: Localized };

export function toWarning(f: Finding, locale: RiskLocale = 'en'): FindingWarning {
  return {
    level: f.severity === 'danger' ? 'danger' : 'warning', code: f.code, message: f.message[locale],
    severity: f.severity, params: f.params, i18n: f.message, ...(f.confirm ? { confirm: f.confirm } : {}),
  };
}

/** Findings for an approval view: refusals never reach a window, so they are left out. */
export function toWarnings(findings: readonly Finding[], locale: RiskLocale = 'en'): FindingWarning[] {
  return sortFindings(findings).filter((f) => !f.refuse).map((f) => toWarning(f, locale));
}
