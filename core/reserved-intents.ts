/**
 * The reserved intent of things the bot should not answer (weather, sports, trivia). It is trained like
 * any intent so off-topic questions have somewhere to go; when it wins, the NLU result is "no intent".
 */
export const OUT_OF_SCOPE_INTENT = 'out_of_scope';
