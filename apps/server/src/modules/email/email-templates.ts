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
  return {
    subject: `Accounting sync ${outcome}: ${c.created ?? 0} created, ${c.updated ?? 0} updated, ${c.errors ?? 0} errors`,
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
