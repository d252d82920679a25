/**
 * The intent of "that didn't help" ("ei auttanut", "not what I asked"). It is not a topic: the flow
 * records it against the intent answered before it (the conversation record's `notHelpfulIntents`),
 * never as an answered intent of its own, so the intent analytics show which answers fail.
 */
export const NOT_HELPFUL_INTENT = 'not_helpful';
