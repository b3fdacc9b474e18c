import { createContext, useContext } from 'react';
import { en, type MessageKey } from './en';
import { zh_CN } from './zh_CN';

export type Locale = 'en' | 'zh_CN';
export const catalogues: Record<Locale, Record<MessageKey, string>> = { en, zh_CN };

export function detectLocale(languages: readonly string[] = navigator.languages): Locale {
  return languages.some((l) => l.toLowerCase().startsWith('zh')) && !languages[0]?.toLowerCase().startsWith('en') ? 'zh_CN' : 'en';
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = catalogues[locale][key] ?? en[key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

export const LocaleContext = createContext<Locale>('en');
export function useT() {
  const locale = useContext(LocaleContext);
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
}
export type { MessageKey };
export const useLocale = () => useContext(LocaleContext);
/** The UI language: the user's choice, else the browser's. */
export const resolveLocale = (language: 'auto' | Locale | undefined): Locale => (language && language !== 'auto' ? language : detectLocale());

/**
 * The names the wallet gives new accounts ("Account 3", "Imported 2") are stored in English; shown in the UI's
 * language. A name the user typed is shown as typed.
 */
export function localizeAccountName(locale: Locale, name: string): string {
  const m = /^(Account|Imported) (\d+)$/.exec(name);
  if (!m) return name;
  return translate(locale, m[1] === 'Account' ? 'defaultAccountName' : 'defaultImportedName', { n: m[2]! });
}
