// The one fixture file every end-to-end spec shares: the server, browsers, and signed-up users.
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { startServer, type ServerControl } from './support/server';

export { expect };

export interface Person {
  page: Page;
  context: BrowserContext;
  /** The name typed into the development login (also the display name). */
  name: string;
  username: string;
  /** JavaScript errors and dialogs the page raised; a clean run has none. */
  pageErrors: string[];
  dialogs: string[];
}

export interface PersonOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

const runTag = Date.now().toString(36).slice(-4);
let counter = 0;

/** A username that is new on every run: lower-case, 3–32 of a-z 0-9 _. */
export function uniqueUsername(label: string): string {
  counter += 1;
  const rand = Math.random().toString(36).slice(2, 6);
  return `${label}_${runTag}${counter}${rand}`.toLowerCase().slice(0, 32);
}

async function openPage(browser: Browser, options: PersonOptions) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, pageErrors, dialogs };
}

/** Signs in through the development login and claims a username, all through the UI. */
export async function signUpThroughUi(page: Page, name: string, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/setup-username/);
  const field = page.getByRole('textbox', { name: 'Username' });
  await field.fill(username);
  // Live availability has its own spec (auth/username.spec.ts); here it only has to settle.
  await expect(page.locator('#username-hint')).toHaveText(
    new RegExp(`@${username} is available|checked when you continue`),
  );
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/app$/);
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
}

type Fixtures = {
  /** Creates a new person in a browser context of their own, signed in with a username. */
  signUp: (label: string, options?: PersonOptions) => Promise<Person>;
};
type WorkerFixtures = { server: ServerControl };

export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.dispose();
    },
    { scope: 'worker', auto: true, timeout: 120_000 },
  ],

  signUp: async ({ browser }, use) => {
    const people: Person[] = [];
    await use(async (label, options = {}) => {
      const opened = await openPage(browser, options);
      const username = uniqueUsername(label);
      // The development login is keyed by name, so every person needs a name of their own.
      const name = `${label.charAt(0).toUpperCase()}${label.slice(1)} ${username.slice(label.length + 1)}`;
      await signUpThroughUi(opened.page, name, username);
      const person = { ...opened, name, username };
      people.push(person);
      return person;
    });
    for (const person of people) {
      expect(person.pageErrors, `JavaScript errors on ${person.name}'s page`).toEqual([]);
      await person.context.close();
    }
  },
});

// ----- steps shared by specs -----

/** Finds someone through the sidebar search, opens their profile and starts a DM. */
export async function openDmWith(me: Person, other: Person): Promise<void> {
  const search = me.page.getByRole('searchbox', { name: 'Search chats and people' });
  await search.fill(other.username);
  const people = me.page.getByRole('region', { name: 'People' });
  await people.getByRole('link', { name: new RegExp(`@${other.username}`) }).click();
  await me.page.waitForURL(new RegExp(`/u/${other.username}$`));
  await expect(me.page.getByRole('heading', { name: other.name })).toBeVisible();
  await me.page.getByRole('button', { name: 'Message' }).click();
  await me.page.waitForURL(/\/app\/c\/[0-9a-f-]+$/);
}

/** Creates a group through the "New group" dialog and opens it. */
export async function createGroup(me: Person, title: string, members: Person[]): Promise<void> {
  await me.page.getByRole('button', { name: 'New group' }).first().click();
  const dialog = me.page.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Group name').fill(title);
  for (const member of members) {
    await dialog.getByLabel('Members').fill(member.username);
    await dialog.getByRole('option', { name: new RegExp(`@${member.username}`) }).click();
  }
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await me.page.waitForURL(/\/app\/c\/[0-9a-f-]+$/);
  await expect(me.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

/** Creates a group as `owner` and has every member open it too: the usual start of a spec. */
export async function createGroupAndOpen(
  owner: Person,
  title: string,
  members: Person[],
): Promise<void> {
  await createGroup(owner, title, members);
  for (const member of members) await openConversation(member, title);
}

/** Changes the display name through the account menu's "Edit profile" dialog. */
export async function setDisplayName(person: Person, name: string): Promise<void> {
  await person.page.getByRole('button', { name: /^Account:/ }).click();
  await person.page.getByRole('menuitem', { name: 'Edit profile' }).click();
  const dialog = person.page.getByRole('dialog', { name: 'Edit profile' });
  await dialog.getByLabel('Display name').fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(person.page.getByRole('button', { name: `Account: ${name}` })).toBeVisible();
  person.name = name;
}

/** An access token of a second session of this person's, for REST calls made by a spec. */
export async function apiToken(person: Person): Promise<string> {
  const login = await person.context.request.post('/api/v1/auth/dev/login', {
    data: { name: person.name },
  });
  expect(login.ok()).toBeTruthy();
  return ((await login.json()) as { access_token: string }).access_token;
}

export interface Watermarks {
  user_id: string;
  delivered_seq: number;
  read_seq: number;
  joined_seq?: number;
}

/** What the server holds: every member's watermarks in a conversation, as `person` sees them. */
export async function receiptsVia(
  person: Person,
  token: string,
  conversationId: string,
): Promise<Watermarks[]> {
  const response = await person.context.request.get(
    `/api/v1/conversations/${conversationId}/receipts`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { receipts: Watermarks[] }).receipts;
}

export async function userIdOf(person: Person, token: string, username: string): Promise<string> {
  const response = await person.context.request.get(`/api/v1/users/${username}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { id: string }).id;
}

/** The server's read watermark of `person` in a conversation. */
export async function readSeqOf(person: Person, conversationId: string): Promise<number> {
  const token = await apiToken(person);
  const id = await userIdOf(person, token, person.username);
  const receipts = await receiptsVia(person, token, conversationId);
  return receipts.find((r) => r.user_id === id)?.read_seq ?? 0;
}

/** Blocks the other person of the open DM from its details panel, and closes the panel. */
export async function blockFromDmDetails(me: Person, other: Person): Promise<void> {
  await me.page.getByRole('button', { name: 'Conversation details' }).click();
  await me.page.getByRole('button', { name: `Block ${other.name}` }).click();
  await me.page
    .getByRole('dialog', { name: `Block ${other.name}?` })
    .getByRole('button', { name: 'Block', exact: true })
    .click();
  await me.page.getByRole('button', { name: 'Close details' }).click();
  await expect(me.page.getByText(`You blocked ${other.name}`)).toBeVisible();
}

/** Adds someone to the open group through its details panel (the admin's way). */
export async function addMemberThroughDetails(admin: Person, member: Person): Promise<void> {
  const details = admin.page.getByRole('complementary', { name: 'Details' });
  if (!(await details.isVisible())) {
    await admin.page.getByRole('button', { name: 'Group details' }).click();
  }
  await details.getByLabel('Add members').fill(member.username);
  await details.getByRole('option', { name: new RegExp(`@${member.username}`) }).click();
  await details.getByRole('button', { name: /^Add/ }).click();
  await expect(details.getByText(`@${member.username}`)).toBeVisible();
}

/** Sends messages over REST as this person (a second session of theirs), for seeding history. */
export async function postMessagesViaApi(
  person: Person,
  conversationId: string,
  texts: string[],
): Promise<void> {
  const token = await apiToken(person);
  for (const text of texts) {
    const response = await person.context.request.post(
      `/api/v1/conversations/${conversationId}/messages`,
      {
        data: { body_text: text, client_msg_id: crypto.randomUUID() },
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    expect(response.status()).toBe(201);
  }
}

export function conversationIdOf(page: Page): string {
  const match = /\/app\/c\/([0-9a-f-]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on a conversation page: ${page.url()}`);
  return match[1];
}

export async function openConversation(person: Person, title: string): Promise<void> {
  await person.page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: new RegExp(title) })
    .click();
  await expect(person.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

export function composer(person: Person) {
  return person.page.getByRole('textbox', { name: 'Message' });
}

export async function sendMessage(person: Person, text: string): Promise<void> {
  await composer(person).fill(text);
  await composer(person).press('Enter');
}

export function messageLog(person: Person) {
  return person.page.getByRole('log', { name: 'Messages' });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Message bubbles (sent or still pending) whose text is exactly `text`. */
export function bubblesWithText(person: Person, text: string) {
  return messageLog(person).locator('li.msg .msg-text', {
    hasText: new RegExp(`^${escapeRegExp(text)}$`),
  });
}

// The notification stub lives in support/notificationStub.ts; specs import it from here too.
export { stubNotificationsAndVisibility } from './support/notificationStub';
