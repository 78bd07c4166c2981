// Without built data the app must say what to do, not show a blank map.

import { expect, test } from './fixtures';

// The 404 itself is logged by Chromium; that is the point of this test.
test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 404/] });

test('a missing manifest shows the "run npm run data" screen', async ({ page }) => {
  await page.route('**/data/manifest.json', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'GapMap could not start' })).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('No map data found. Run npm run data');
  await expect(alert.locator('code')).toHaveText('npm run data');
  await expect(page.locator('#map')).toHaveCount(0);
  await expect(page.getByRole('main')).not.toHaveAttribute('aria-busy', 'true');
});
