import {
  createGroupAndOpen,
  expect,
  messageLog,
  sendMessage,
  test,
  type Person,
} from '../fixtures';

/** The system lines of the open conversation, as shown (centred, between the bubbles). */
function systemLines(person: Person) {
  return messageLog(person).locator('li.system-line');
}

async function openDetails(person: Person) {
  const details = person.page.getByRole('complementary', { name: 'Details' });
  if (!(await details.isVisible()))
    await person.page.getByRole('button', { name: 'Group details' }).click();
  return details;
}

test('group admins rename, describe and share the admin role; everyone sees it happen', async ({
  signUp,
}) => {
  const ana = await signUp('ana');
  const ben = await signUp('ben');
  const title = `Trip ${ana.username.slice(-6)}`;
  const renamed = `Porto ${ana.username.slice(-6)}`;
  await createGroupAndOpen(ana, title, [ben]);
  await sendMessage(ben, 'when do we leave?');

  // Ben is a member: he reads the details but cannot edit them or manage anyone.
  const benDetails = await openDetails(ben);
  await expect(benDetails.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(benDetails.getByRole('button', { name: /^Options for / })).toHaveCount(0);

  // Ana renames and describes the group.
  const anaDetails = await openDetails(ana);
  await anaDetails.getByRole('button', { name: 'Edit' }).click();
  const form = anaDetails.getByRole('form', { name: 'Edit group' });
  await form.getByLabel('Group name').fill(renamed);
  await form.getByLabel('Description').fill('Flights on the 12th.\nBring sun cream.');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(anaDetails.getByText('Bring sun cream.')).toBeVisible();

  // Both timelines record it in order, as lines rather than bubbles, and Ben's header follows.
  const renamedLine = `${ana.name} renamed the group to “${renamed}”`;
  const describedLine = `${ana.name} changed the group description`;
  for (const person of [ana, ben]) {
    await expect(systemLines(person)).toHaveText([renamedLine, describedLine]);
  }
  await expect(ben.page.getByRole('heading', { name: renamed, level: 1 })).toBeVisible();
  await expect(benDetails.getByText('Flights on the 12th.')).toBeVisible();
  await expect(systemLines(ben).first()).toHaveCSS('justify-content', 'center');
  await expect(messageLog(ben).locator('li.msg', { hasText: renamedLine })).toHaveCount(0);

  // Ana shares the admin role; Ben can now edit, and takes it from Ana.
  await anaDetails.getByRole('button', { name: `Options for ${ben.name}` }).click();
  await ana.page.getByRole('menuitem', { name: 'Make admin' }).click();
  await expect(systemLines(ben).last()).toHaveText(`${ana.name} made ${ben.name} an admin`);
  await expect(benDetails.getByRole('button', { name: 'Edit' })).toBeVisible();
  await benDetails.getByRole('button', { name: `Options for ${ana.name}` }).click();
  await ben.page.getByRole('menuitem', { name: 'Remove as admin' }).click();
  await expect(systemLines(ana).last()).toHaveText(`${ben.name} removed ${ana.name} as admin`);
  await expect(anaDetails.getByRole('button', { name: 'Edit' })).toHaveCount(0);

  // Ben, now the only admin, is not offered to step down: his own row has no options.
  await expect(benDetails.getByRole('button', { name: `Options for ${ben.name}` })).toHaveCount(0);

  // A later page load shows the same history.
  await ben.page.reload();
  await expect(systemLines(ben)).toHaveText([
    renamedLine,
    describedLine,
    `${ana.name} made ${ben.name} an admin`,
    `${ben.name} removed ${ana.name} as admin`,
  ]);
});

test('the last admin leaving hands the group to the longest-standing member', async ({
  signUp,
}) => {
  const ana = await signUp('ana');
  const ben = await signUp('ben');
  const cara = await signUp('cara');
  const title = `Club ${ana.username.slice(-6)}`;
  await createGroupAndOpen(ana, title, [ben]);
  const anaDetails = await openDetails(ana);
  await anaDetails.getByLabel('Add members').fill(cara.username);
  await anaDetails.getByRole('option', { name: new RegExp(`@${cara.username}`) }).click();
  await anaDetails.getByRole('button', { name: /^Add/ }).click();
  await expect(systemLines(ben).last()).toHaveText(`${ana.name} added ${cara.name}`);

  await anaDetails.getByRole('button', { name: 'Leave group' }).click();
  await ana.page
    .getByRole('dialog', { name: 'Leave this group?' })
    .getByRole('button', { name: 'Leave' })
    .click();
  await expect(systemLines(ben)).toHaveText([
    `${ana.name} added ${cara.name}`,
    `${ana.name} left`,
    `${ben.name} is now an admin`,
  ]);
  const benDetails = await openDetails(ben);
  await expect(benDetails.getByRole('button', { name: 'Edit' })).toBeVisible();
});
