import type { z } from 'zod';
import { InvalidParamsError, MethodNotFoundError, serializeError } from '../errors';
import type { RpcRequest, RpcResponse } from './envelope';

type Schema = Record<string, { params: z.ZodType; result: unknown }>;
export type Handlers<S extends Schema, Ctx> = {
  [M in keyof S]: (params: z.output<S[M]['params']>, ctx: Ctx) => Promise<S[M]['result']>;
};

/** Shape check of an untrusted envelope. */
export function parseEnvelope(msg: unknown): RpcRequest | null {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return null;
  const m = msg as Record<string, unknown>;
  const idOk = (typeof m.id === 'number' && Number.isSafeInteger(m.id)) || (typeof m.id === 'string' && m.id.length <= 64);
  if (!idOk || typeof m.method !== 'string' || m.method.length > 100) return null;
  return { id: m.id as number | string, method: m.method, params: m.params };
}

/**
 * A dispatcher made from a schema and its handler table: validate the envelope and params, run the handler,
 * answer `{id, result}` or `{id, error}`. Validation messages name the field, never its value.
 */
export function createDispatcher<S extends Schema, Ctx>(schema: S, handlers: Handlers<S, Ctx>) {
  return async (msg: unknown, ctx: Ctx): Promise<RpcResponse | null> => {
    const req = parseEnvelope(msg);
    if (!req) return null;
    try {
      if (!Object.prototype.hasOwnProperty.call(schema, req.method)) throw new MethodNotFoundError(`Unknown method.`);
      const entry = schema[req.method]!;
      const parsed = entry.params.safeParse(req.params ?? {});
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => i.path.join('.') || '(params)').join(', ');
        throw new InvalidParamsError(`Invalid parameters: ${fields}.`);
      }
      const handler = handlers[req.method as keyof S]!;
      const result = await handler(parsed.data as never, ctx);
      return { id: req.id, result: result ?? null };
    } catch (e) {
      return { id: req.id, error: serializeError(e) };
    }
  };
}
