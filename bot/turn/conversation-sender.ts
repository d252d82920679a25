import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

/** Sends into an existing conversation outside a customer's turn: agent replies, rating prompts. */
export interface ConversationSender {
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** A channel with an adapter of its own (the built-in Direct Line, self-hosted Messenger). */
export interface ChannelAdapter {
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * Picks the adapter that owns a conversation's channel: channels served by this process bring
 * their own adapter; every other channel (Azure Bot Service, the Emulator) goes through CloudAdapter.
 */
export class ChannelSenders implements ConversationSender {
  constructor(
    private readonly cloudAdapter: CloudAdapter,
    /** The bot's app id; empty when authentication is off. */
    private readonly botAppId: string,
    /** The adapters of the channels this process serves itself, by channel id. */
    private readonly byChannel: ReadonlyMap<string, ChannelAdapter> = new Map(),
  ) {}

  /** True when a channel served by this process (not CloudAdapter) owns the channel id. */
  hasOwnAdapter(channelId: string): boolean {
    return this.byChannel.has(channelId);
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const own = reference.channelId ? this.byChannel.get(reference.channelId) : undefined;
    if (own) return own.continueConversation(reference, logic);
    // A conversation known only through expectReplies (the Emulator, a test) gave no address to send to.
    // Without this check the connector client waits for its own timeout (about 5 s) before it fails,
    // and every claim's "Vili joined" line to such a conversation held the agent's request that long.
    if (!reference.serviceUrl)
      throw new Error(
        `ChannelSenders.continueConversation(): conversation ${reference.conversation?.id ?? '?'} on ${reference.channelId ?? '?'} has no serviceUrl to send to`,
      );
    await this.cloudAdapter.continueConversationAsync(this.botAppId, reference, logic);
  }
}
