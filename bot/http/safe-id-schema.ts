import { z } from 'zod';
import { idProblem } from '../../core/index.js';

/**
 * A channel, conversation, user or case id from outside, checked with `idProblem`: `..`, `a/b`, NUL
 * or 300 characters become a 400 naming the field, instead of a key that reaches the stores.
 * @param required what to say when the id is missing or not text, e.g. 'is required (e.g. "webchat")'.
 */
export function safeIdSchema(required = 'is required') {
  return z.string({ error: required }).superRefine((id, context) => {
    const problem = idProblem(id);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}
