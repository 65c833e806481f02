/** Sends e-mail through the SMTP server of SMTP_URL (nodemailer); the only module that knows SMTP. */
import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Stable per delivery, so a retried message keeps its Message-ID. */
  messageId: string;
}

export type EmailSender = (mail: OutgoingEmail) => Promise<void>;

export function smtpSender(smtpUrl: string, from: string): EmailSender {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? undefined,
      messageId: mail.messageId,
    });
  };
}
