import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.js';
import type { EmuChallenge } from '../kid/state.js';
import { alreadyDecidedPage, codeEntryPage, donePage, requestPage } from './page.js';

/** The parent device page at `/parent`, which the challenge URL, the OTP and emails lead to. */
export function parentRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();

  /** The challenge the visitor proved they may answer: a live OTP, or an email link. */
  const find = (values: { otp?: string; c?: string; t?: string }): EmuChallenge | undefined => {
    if (values.otp) return ctx.kid.byOtp(values.otp);
    const challenge = values.c ? ctx.kid.challenges.get(values.c) : undefined;
    return challenge && values.t === challenge.emailToken ? challenge : undefined;
  };
  const proofOf = (values: { otp?: string; t?: string }) =>
    values.otp ? { name: 'otp' as const, value: values.otp.trim().toUpperCase() } : { name: 't' as const, value: values.t ?? '' };

  app.get('/', (c) => {
    const base = ctx.publicBase(c);
    const values = { otp: c.req.query('otp'), c: c.req.query('c'), t: c.req.query('t') };
    if (!values.otp && !values.c) return c.html(codeEntryPage(base));
    const challenge = find(values);
    if (!challenge) return c.html(codeEntryPage(base, 'That code does not work. It may have expired: ask your child to show a new one.'), 404);
    if (challenge.state === 'PASS' || challenge.state === 'FAIL') return c.html(alreadyDecidedPage(ctx.publicBase(c), challenge));
    ctx.kid.opened(challenge);
    return c.html(requestPage(base, challenge, proofOf(values)));
  });

  app.post('/decide', async (c: Context) => {
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === 'string' ? form[name] : undefined);
    const values = { otp: text('otp'), c: text('challengeId'), t: text('t') };
    const challenge = find(values);
    if (!challenge || challenge.challengeId !== values.c) {
      return c.html(codeEntryPage(ctx.publicBase(c), 'That request has expired. Ask your child to show a new code.'), 404);
    }
    if (challenge.state === 'PASS' || challenge.state === 'FAIL') return c.html(alreadyDecidedPage(ctx.publicBase(c), challenge));
    const approve = text('decision') === 'approve';
    const email = text('email')?.trim();
    ctx.kid.decide(challenge, approve, email || undefined);
    return c.html(donePage(ctx.publicBase(c), approve));
  });

  return app;
}
