/** The JSON of a turn the bot sees as the first message of conversation `id` from a new customer `id`, replies returned in the response. */
export function turnBody(text: string, id: string): string {
  return JSON.stringify({
    type: 'message',
    channelId: 'bench',
    conversation: { id },
    from: { id },
    recipient: { id: 'bot' },
    deliveryMode: 'expectReplies',
    text,
  });
}
