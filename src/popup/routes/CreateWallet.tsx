import { useMemo, useState } from 'react';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { PasswordFields, passwordProblem } from '../components/PasswordFields';
import { ErrorText } from '../components/ErrorText';
import { useT } from '../i18n';
import { rpc } from '../rpc';

/** Uniform random integer in [0, n) from the browser's CSPRNG. */
function randomInt(n: number): number {
  const limit = Math.floor(0x100000000 / n) * n;
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf); while (buf[0]! >= limit);
  return buf[0]! % n;
}

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) { const j = randomInt(i + 1); [a[i], a[j]] = [a[j]!, a[i]!]; }
  return a;
}

type Quiz = Array<{ position: number; choices: string[] }>;

/** Three positions to prove the backup, each with the right word and three others from the phrase. */
function makeQuiz(words: string[]): Quiz {
  const positions = shuffle(words.map((_, i) => i)).slice(0, 3).sort((a, b) => a - b);
  return positions.map((position) => {
    const others = shuffle([...new Set(words.filter((w) => w !== words[position]))]).slice(0, 3);
    return { position, choices: shuffle([words[position]!, ...others]) };
  });
}

/**
 * Create: the phrase is generated here, in the extension's own page, from the browser's CSPRNG (BIP39 English),
 * shown once, checked, then sent to the background with the password. No secret travels background → popup.
 */
export function CreateWallet({ onBack, onDone }: { onBack: () => void; onDone: () => void }) {
  const t = useT();
  const [step, setStep] = useState<'length' | 'show' | 'verify' | 'password'>('length');
  const [phrase, setPhrase] = useState('');
  const words = useMemo(() => phrase.split(' ').filter(Boolean), [phrase]);
  const quiz = useMemo(() => (words.length ? makeQuiz(words) : []), [words]);
  const [picks, setPicks] = useState<Record<number, string>>({});
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = (n: 12 | 24) => { setPhrase(generateMnemonic(wordlist, n === 24 ? 256 : 128)); setPicks({}); setStep('show'); };
  const quizDone = quiz.length > 0 && quiz.every((q) => picks[q.position] === words[q.position]);
  const quizWrong = quiz.some((q) => picks[q.position] !== undefined && picks[q.position] !== words[q.position]);

  async function create() {
    setBusy(true); setError(null);
    try { await rpc.call('setupWallet', { phrase, password: pw }); setPhrase(''); onDone(); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  }

  if (step === 'length') return (
    <main>
      <h1>{t('createWallet')}</h1>
      <p className="hint">{t('phraseLength')}</p>
      <div className="stack">
        <button type="button" onClick={() => start(12)}>{t('words12')}</button>
        <button type="button" className="secondary" onClick={() => start(24)}>{t('words24')}</button>
        <button type="button" className="secondary" onClick={onBack}>{t('back')}</button>
      </div>
    </main>
  );
  if (step === 'show') return (
    <main>
      <h1>{t('writeDownTitle')}</h1>
      <p className="hint">{t('writeDownHint')}</p>
      <ol className="words" aria-label={t('secretRecoveryPhrase')} data-testid="new-phrase">
        {words.map((w, i) => <li key={i}>{w}</li>)}
      </ol>
      <button type="button" onClick={() => setStep('verify')}>{t('wroteItDown')}</button>
    </main>
  );
  if (step === 'verify') return (
    <main>
      <h1>{t('confirmBackupTitle')}</h1>
      <p className="hint">{t('confirmBackupHint')}</p>
      {quiz.map((q) => (
        <div key={q.position} role="group" aria-label={t('wordNumber', { n: q.position + 1 })} className="card">
          <div>{t('wordNumber', { n: q.position + 1 })}</div>
          <div className="choices">
            {q.choices.map((c) => (
              <button key={c} type="button" className="secondary" aria-pressed={picks[q.position] === c}
                onClick={() => setPicks({ ...picks, [q.position]: c })}>{c}</button>
            ))}
          </div>
        </div>
      ))}
      {quizWrong && <div className="error" role="alert">{t('backupMismatch')}</div>}
      <button type="button" onClick={() => setStep('show')} className="secondary">{t('back')}</button>
      <button type="button" disabled={!quizDone} onClick={() => setStep('password')}>{t('next')}</button>
    </main>
  );
  return (
    <main>
      <h1>{t('setPasswordTitle')}</h1>
      <p className="hint">{t('setPasswordHint')}</p>
      <PasswordFields password={pw} confirm={confirm} onPassword={setPw} onConfirm={setConfirm} />
      <ErrorText error={error} />
      <button type="button" disabled={busy || passwordProblem(pw, confirm) !== null} onClick={create}>{t('createWalletButton')}</button>
    </main>
  );
}
