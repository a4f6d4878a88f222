// The second way in, when the province's identity provider is set up (GET /auth/oidc): the browser itself goes to
// the provider and comes back signed in, so this is a navigation, not a form the page submits. Nothing shows while
// the answer is awaited or when it is off.
import { api } from './api.js';
import { h } from './dom.js';
import { bi, lang } from './i18n.js';

export function oidcSignIn() {
  const slot = h('div', { class: 'oidc-sign-in' });
  api('GET', '/auth/oidc').then(
    (info) => {
      if (!info.enabled) return;
      const button = h('button', { type: 'button', class: 'secondary', id: 'oidc-sign-in' }, bi(info.label));
      // The provider's pages and any refusal on the way back speak the language chosen here.
      button.addEventListener('click', () => location.assign(`${info.start}?lang=${lang}`));
      slot.append(h('p', {}, bi({ vi: 'hoặc', en: 'or' })), button);
    },
    () => {},
  );
  return slot;
}
