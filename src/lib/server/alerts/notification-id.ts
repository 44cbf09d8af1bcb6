/** One notification per event and recipient; its id is also the email job's id and Idempotency-Key. */
export function notificationId(eventId: string, recipientId: string): string {
  // BullMQ job ids may not contain ':'; ids are UUIDs, so this only guards odd fixture ids.
  return `${eventId}.${recipientId}`.replaceAll(':', '_');
}
