/** What the approval window shows and what it answers (JSON only: no bigint). */
export type Warning = { level: 'danger' | 'warning'; code: string; message: string };

export type ApprovalKind =
  | 'connect' | 'personal-sign' | 'typed-data' | 'send-transaction' | 'send-calls' | 'switch-chain' | 'add-chain' | 'watch-asset'
  | 'solana-connect' | 'solana-sign-transaction' | 'solana-sign-message' | 'solana-sign-in';

export type ApprovalView = {
  id: string;
  /** From the browser (port sender), never from the page. */
  origin: string;
  family: 'evm' | 'solana';
  kind: ApprovalKind;
  network: { id: string; name: string };
  /** The signing account, when there is one. */
  account: string | null;
  /** For connect: the accounts the user may share (the selected one first). */
  candidates?: string[];
  /** Kind-specific, decoded for display. */
  details: Record<string, unknown>;
  warnings: Warning[];
  createdAt: number;
};

export type ApprovalDecision = { approved: boolean; accounts?: string[] };

/** What the approval window shows: the oldest waiting request (null when none) and how many wait in all. */
export type ApprovalQueueView = { request: ApprovalView | null; total: number };
