/**
 * The page a browser lands on when signing in through the identity provider ends anywhere but the dashboard: the
 * callback is a navigation, not a call from the dashboard's script, so it answers with a page of its own in the
 * person's language, saying what happened and what to do, and a way back.
 */
export type Lang = 'vi' | 'en';

export interface Bilingual {
  vi: string;
  en: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function oidcPage(lang: Lang, title: Bilingual, message: Bilingual): string {
  const back = { vi: 'Quay lại trang đăng nhập', en: 'Back to sign-in' };
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escape(title[lang])}</title>
    <link rel="stylesheet" href="/ui/style.css" />
  </head>
  <body>
    <main id="main" class="card sign-in">
      <h1>${escape(title[lang])}</h1>
      <p role="alert">${escape(message[lang])}</p>
      <p><a href="/">${escape(back[lang])}</a></p>
    </main>
  </body>
</html>
`;
}

/** The language asked for at the start, else the browser's first choice when it is English, else Vietnamese. */
export function pageLang(asked: Lang | undefined, acceptLanguage: string | undefined): Lang {
  if (asked) return asked;
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'vi';
}
