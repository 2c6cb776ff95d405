import "server-only";

export { enqueueMail, type OutgoingMail } from "./outbox";
export {
  deliverPendingMail,
  kickMailDeliverer,
  mailDelivererStatus,
  MAX_ATTEMPTS,
  retryDelayMs,
  startMailDeliverer,
  type DeliveryResult,
  type DelivererStatus,
  type MailTransport,
} from "./deliver";
export { listMailbox, type MailboxMessage } from "./mailbox";
export { splitTextOnUrls, type TextPart } from "./links";
