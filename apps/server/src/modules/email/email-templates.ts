/** The words of each email the product sends; plain text with a light HTML twin. */
/**
 * Emails are stored as text; the HTML twin is made from the text when the
 * email is sent (textToHtml), which keeps the outbox small for large imports.
 */
export type RenderedEmail = { subject: string; text: string };

const escapeHtml = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const URL_LINE = /^https?:\/\/\S+$/;

/** Paragraphs become <p>; a line that is only a link becomes a button. */
export function textToHtml(text: string): string {
  const blocks = text
    .trim()
    .split(/\n{2,}/)
    .map((block) => {
      const trimmed = block.trim();
      const link = trimmed.replace(/^Details: /, '');
      if (URL_LINE.test(link)) {
        return `<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#0c8599;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">Open RentLedger</a></p>`;
      }
      return `<p style="margin:0 0 16px">${escapeHtml(trimmed).replaceAll('\n', '<br>')}</p>`;
    })
    .join('');
  return `<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;max-width:560px;margin:0 auto;padding:24px">${blocks}<p style="color:#6b7280;font-size:13px">RentLedger</p></body></html>`;
}

export function invitationEmail(input: {
  firstName: string;
  companyName: string;
  place: string | null;
  link: string;
  expiresOn: string;
}): RenderedEmail {
  const greeting = input.firstName ? `Hi ${input.firstName},` : 'Hello,';
  const where = input.place ? ` for ${input.place}` : '';
  const lines = [
    greeting,
    `${input.companyName} invites you to RentLedger${where}: pay your rent online and, if you choose, have your on-time payments reported to the credit bureaus.`,
    `Set your password to get started. This link works once and expires on ${input.expiresOn}.`,
  ];
  return {
    subject: `${input.companyName} invites you to pay rent with RentLedger`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n\nIf you were not expecting this, you can ignore this email.\n`,
  };
}

/** An invitation to someone who already has a verified account: no new password, just sign in and confirm. */
export function signInToConfirmEmail(input: { firstName: string; companyName: string; place: string | null; link: string; expiresOn: string }): RenderedEmail {
  const greeting = input.firstName ? `Hi ${input.firstName},` : 'Hello,';
  const where = input.place ? ` at ${input.place}` : '';
  return {
    subject: `${input.companyName} added your residency to RentLedger`,
    text: `${greeting}\n\n${input.companyName} added your residency${where} to RentLedger. You already have an account with this email: open the link and enter your password to confirm it. The link works until ${input.expiresOn}.\n\n${input.link}\n\nIf you do not live there, you can ignore this email.\n`,
  };
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export function syncSummaryEmail(input: {
  firstName: string;
  companyName: string;
  succeeded: boolean;
  counts: Record<string, number>;
  message: string | null;
  link: string;
}): RenderedEmail {
  const c = input.counts;
  const outcome = input.succeeded ? 'finished' : 'failed';
  const lines = [
    `Hi ${input.firstName},`,
    `The accounting sync for ${input.companyName} ${outcome}.${input.message ? ` ${input.message}` : ''}`,
    `Created ${c.created ?? 0}, updated ${c.updated ?? 0}, unchanged ${c.unchanged ?? 0}; invited ${c.invited ?? 0}, waiting for an email ${c.waiting ?? 0}, lease ended ${c.finished ?? 0}; rows in error ${c.errors ?? 0}.`,
  ];
  // A failed run's subject says why (its message, cut to fit a subject line); a finished one gives its counts.
  const subject = input.succeeded
    ? `Accounting sync finished: ${c.created ?? 0} created, ${c.updated ?? 0} updated, ${c.errors ?? 0} errors`
    : `Accounting sync failed: ${oneLine(input.message ?? 'the run stopped', 120)}`;
  return {
    subject,
    text: `${lines.join('\n\n')}\n\nDetails: ${input.link}\n`,
  };
}

export function pendingReviewEmail(input: { firstName: string; residentName: string; place: string; link: string; reminder: boolean }): RenderedEmail {
  const lines = [
    `Hi ${input.firstName},`,
    input.reminder
      ? `${input.residentName} is still pending your approval for ${input.place}.`
      : `${input.residentName} signed up for ${input.place} and is pending your approval.`,
    'Verify the address, unit, rent and lease term so their payments can be checked and reported accurately.',
  ];
  return {
    subject: `${input.reminder ? 'Reminder: ' : ''}${input.residentName} is pending your approval`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n`,
  };
}

export function residentApprovedEmail(input: { firstName: string; companyName: string; place: string; link: string }): RenderedEmail {
  const lines = [
    `Hi ${input.firstName},`,
    `${input.companyName} approved your residency at ${input.place}.`,
    'You can now set up your first rent payment in RentLedger.',
  ];
  return { subject: 'You are approved: set up your first payment', text: `${lines.join('\n\n')}\n\n${input.link}\n` };
}

export function residentDeclinedEmail(input: { firstName: string; companyName: string; reason: string; link: string }): RenderedEmail {
  const lines = [`Hi ${input.firstName},`, `${input.companyName} could not approve your residency.`, `Their reason: ${input.reason}`];
  return { subject: 'Your residency was not approved', text: `${lines.join('\n\n')}\n\n${input.link}\n` };
}

export function supportAnsweredEmail(input: { firstName: string; kind: string; answer: string; resolved: boolean; link: string }): RenderedEmail {
  const lines = [`Hi ${input.firstName},`, `RentLedger support ${input.resolved ? 'resolved' : 'answered'} your request (${input.kind}):`, input.answer];
  return { subject: `Your support request was ${input.resolved ? 'resolved' : 'answered'}`, text: `${lines.join('\n\n')}\n\n${input.link}\n` };
}

const IGNORE = 'If this was not you, you can ignore this email.';
const NOT_YOU_RESET = 'If this was not you, reset your password at once from the sign-in page ("Forgot password?") and sign out your other sessions.';

export function verifyEmailEmail(input: { firstName: string; link: string }): RenderedEmail {
  return {
    subject: 'Confirm your email for RentLedger',
    text: `Hi ${input.firstName},\n\nConfirm that this is your email address to finish setting up your RentLedger account. Until you do, we will not match you to a landlord's records.\n\nThis link works once and expires in 24 hours.\n\n${input.link}\n\n${IGNORE}\n`,
  };
}

export function signupAttemptEmail(input: { firstName: string; signInLink: string }): RenderedEmail {
  return {
    subject: 'Someone tried to sign up with your email',
    text: `Hi ${input.firstName},\n\nSomeone tried to create a RentLedger account with this email address, but you already have one. If it was you, sign in instead; if you forgot your password, use "Forgot password?" on the sign-in page.\n\n${input.signInLink}\n\n${IGNORE} Nobody can use your account without your password.\n`,
  };
}

export function passwordResetEmail(input: { firstName: string; link: string }): RenderedEmail {
  return {
    subject: 'Reset your RentLedger password',
    text: `Hi ${input.firstName},\n\nSomeone asked to reset the password of your RentLedger account. Choose a new password with this link; it works once and expires in 1 hour. Resetting signs you out everywhere else.\n\n${input.link}\n\n${IGNORE} Your password has not changed.\n`,
  };
}

export function passwordChangedEmail(input: { firstName: string; how: 'reset' | 'changed'; endedSessions: number }): RenderedEmail {
  const what = input.how === 'reset' ? 'was reset with an emailed link' : 'was changed';
  const sessions = input.endedSessions > 0 ? ` ${input.endedSessions} other ${input.endedSessions === 1 ? 'session was' : 'sessions were'} signed out.` : '';
  return {
    subject: 'Your RentLedger password was changed',
    text: `Hi ${input.firstName},\n\nThe password of your RentLedger account ${what}.${sessions}\n\n${NOT_YOU_RESET}\n`,
  };
}

export function emailVerifiedEmail(input: { firstName: string }): RenderedEmail {
  return {
    subject: 'Your email is confirmed',
    text: `Hi ${input.firstName},\n\nThank you: your email address is confirmed, and your landlord can now match you to your lease.\n\n${IGNORE}\n`,
  };
}

export function twoFactorChangedEmail(input: { firstName: string; enabled: boolean }): RenderedEmail {
  const what = input.enabled
    ? 'Two-factor sign-in is now on: signing in asks for a code from your authenticator app. Keep your recovery codes somewhere safe.'
    : 'Two-factor sign-in was turned off: signing in asks only for your password.';
  return { subject: input.enabled ? 'Two-factor sign-in turned on' : 'Two-factor sign-in turned off', text: `Hi ${input.firstName},\n\n${what}\n\n${NOT_YOU_RESET}\n` };
}

export function twoFactorLockedEmail(input: { firstName: string; minutes: number }): RenderedEmail {
  return {
    subject: 'Several wrong two-factor codes on your account',
    text: `Hi ${input.firstName},\n\nSomeone entered your correct password and then several wrong two-factor codes. That sign-in is held for ${input.minutes} minutes.\n\nIf this was not you, your password is known to someone else: reset it now from the sign-in page ("Forgot password?").\n`,
  };
}

export function sessionEndedEmail(input: { firstName: string; device: string }): RenderedEmail {
  return {
    subject: 'A session of your RentLedger account was signed out',
    text: `Hi ${input.firstName},\n\nYou signed out a session of your RentLedger account (${input.device}).\n\n${NOT_YOU_RESET}\n`,
  };
}

export function confirmNewEmailEmail(input: { firstName: string; link: string }): RenderedEmail {
  return {
    subject: 'Confirm your new email for RentLedger',
    text: `Hi ${input.firstName},\n\nYou asked to sign in to RentLedger with this email address from now on. Open this link to confirm it; until you do, your account keeps its current email.\n\nThis link works once and expires in 24 hours.\n\n${input.link}\n\n${IGNORE}\n`,
  };
}

export function emailChangeRequestedEmail(input: { firstName: string; newEmail: string }): RenderedEmail {
  return {
    subject: 'A change of your RentLedger email was requested',
    text: `Hi ${input.firstName},\n\nSomeone signed in to your RentLedger account asked to change its email to ${input.newEmail}. The change happens only when the link we sent to that address is opened.\n\nIf this was not you, reset your password now from the sign-in page ("Forgot password?"): that cancels the change and signs everyone else out.\n`,
  };
}

export function emailChangedEmail(input: { firstName: string; newEmail: string }): RenderedEmail {
  return {
    subject: 'Your RentLedger email was changed',
    text: `Hi ${input.firstName},\n\nYour RentLedger account now signs in with ${input.newEmail}, and emails about it go there. This address no longer works for signing in.\n\nIf this was not you, contact your property manager or RentLedger support at once.\n`,
  };
}

export function emailAlreadyUsedEmail(input: { signInLink: string }): RenderedEmail {
  return {
    subject: 'This email already has a RentLedger account',
    text: `Hello,\n\nSomeone asked to move another RentLedger account to this email address, but this address already has its own account, so nothing changed. If it was you, sign in with this address instead; if you forgot its password, use "Forgot password?" on the sign-in page.\n\n${input.signInLink}\n\n${IGNORE}\n`,
  };
}
