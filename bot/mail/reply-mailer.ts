import nodemailer, { type Transporter } from 'nodemailer';
import type { ContentSource } from '../../dialogs/index.js';
import { replyEmail, type ReplyEmailInput } from './reply-email.js';

/** How long an SMTP server may take to answer; the console shows "not emailed" after it, not a hang. */
const SMTP_TIMEOUT_MS = 15_000;

export interface MailSettings {
  /** SMTP_URL, e.g. smtps://user:password@smtp.example.fi:465. */
  smtpUrl: string;
  /** MAIL_FROM. */
  from: string;
}

/** Sends agent replies by email (nodemailer over SMTP_URL) in the customer's language. */
export class ReplyMailer {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(
    settings: MailSettings,
    private readonly content: ContentSource,
  ) {
    this.from = settings.from;
    this.transport = nodemailer.createTransport({
      url: settings.smtpUrl,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
  }

  /** Sends one reply to `to`; rejects with the SMTP server's answer when it is refused. */
  async send(to: string, input: ReplyEmailInput): Promise<void> {
    const mail = replyEmail(this.content.messages, input);
    await this.transport.sendMail({
      from: this.from,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'Content-Language': input.language, 'Auto-Submitted': 'auto-generated' },
    });
  }

  close(): void {
    this.transport.close();
  }
}
