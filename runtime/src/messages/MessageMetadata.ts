/**
 * The metadata every ksdk message carries (JustSaying's `Message` base class).
 * Generated message types extend this interface; the names are reserved in schemas.
 */
export interface MessageMetadata {
  /** Unique message id (UUID). Defaults to a random UUID when publishing. */
  id: string;
  /** When the message was created (RFC 3339). Defaults to now when publishing. */
  timeStamp: string;
  /** The component that raised the message (CloudEvents extension `raisingcomponent`). */
  raisingComponent?: string;
  /** Tenant the message belongs to (CloudEvents extension `tenant`). */
  tenant?: string;
  /** Conversation (correlation) id (CloudEvents extension `conversation`). */
  conversation?: string;
}

/** Property names that belong to the envelope, never to a message's schema. */
export const METADATA_KEYS = ['id', 'timeStamp', 'raisingComponent', 'tenant', 'conversation'] as const;
export type MetadataKey = (typeof METADATA_KEYS)[number];

/**
 * What a caller passes to publish: `id` and `timeStamp` are filled in when absent.
 * Distributive, so a message whose body is a union (a root `oneOf`) keeps its variants.
 */
export type NewMessage<T extends MessageMetadata> = T extends unknown
  ? Omit<T, 'id' | 'timeStamp'> & { id?: string; timeStamp?: string | Date }
  : never;
