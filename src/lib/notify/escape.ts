/**
 * Untrusted text (titles, updates) made inert in each channel's markup. What each one guards:
 * - Slack mrkdwn: `&`, `<`, `>` are the only control characters (Slack's "Escaping text" guide);
 *   escaping them disarms `<!channel>`, `<!here>`, `<@U123>` and `<https://evil|trusted text>`.
 * - Discord markdown: a backslash before every markdown character, so `[text](url)` links,
 *   `<@123>` mentions and formatting stay literal; `@everyone`/`@here` get a zero-width space
 *   (and every Discord payload also sends `allowed_mentions: { parse: [] }`).
 * - Teams (Adaptive Card TextBlock) and GitHub comments: CommonMark backslash escapes; GitHub
 *   also links `@login` and `#123` (a ping, a cross-reference on someone's issue), so both get a
 *   zero-width space after the sign.
 */

const ZWSP = '\u200B';

/** `@everyone`, `@here`, `@channel` → with a zero-width space after the `@`, which no chat reads as a mention. */
export function breakMassMentions(text: string): string {
  return text.replace(/@(everyone|here|channel)/gi, `@${ZWSP}$1`);
}

export function escapeSlack(text: string): string {
  return breakMassMentions(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

const DISCORD_SPECIAL = /[\\*_~`|>#\-[\]()<:]/g;
export function escapeDiscord(text: string): string {
  return breakMassMentions(text.replace(DISCORD_SPECIAL, (c) => `\\${c}`));
}

/** Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones with a meaning. */
const COMMONMARK_SPECIAL = /[\\`*_{}[\]()#+\-.!<>|~]/g;
export function escapeCommonMark(text: string): string {
  return breakMassMentions(text.replace(COMMONMARK_SPECIAL, (c) => `\\${c}`));
}

/** For GitHub comments: CommonMark escapes, and no `@login` mention or `#123` reference. */
export function escapeGitHubMarkdown(text: string): string {
  return escapeCommonMark(text)
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
    .replace(/\\#(?=\d)/g, `\\#${ZWSP}`);
}
