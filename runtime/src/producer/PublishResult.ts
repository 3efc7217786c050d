/** Where the broker stored a published message. */
export interface PublishResult {
  messageId: string;
  topic: string;
  partition: number;
  offset: string;
}
