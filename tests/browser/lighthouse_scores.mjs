// Scores public pages with Lighthouse in one headless Chromium and prints, per page, each category's
// score and the audits that did not pass. Used by tests/browser/test_lighthouse.py.
// Usage: node lighthouse_scores.mjs <language> <url>...
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
// The desktop preset: the mobile one multiplies the CPU time it observes by four, and on a loaded two-core
// test machine that turns the other test worker's load into "blocking time". Speed is measured in bench/.
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const [language, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', `--lang=${language}`],
});
const results = [];
try {
  for (const url of urls) {
    const run = () => lighthouse(url, {
      port: chrome.port, logLevel: 'error', output: 'json',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      extraHeaders: {'Accept-Language': language},
    }, desktopConfig);
    let runner = await run();
    // Lighthouse itself asks for a second run when it lost the trace (NO_NAVSTART and the like): that is the
    // tool failing, not the page, so it gets one more try; a low score never does.
    if (runner.lhr.runtimeError) runner = await run();
    const {categories, audits, runtimeError} = runner.lhr;
    // Only the audits that count towards a category's score; insights without weight are advice.
    const counted = new Set(Object.values(categories).flatMap(c => c.auditRefs.filter(r => r.weight > 0).map(r => r.id)));
    const failed = [...counted].map(id => audits[id]).filter(a => a.score !== null && a.score < 1)
      .map(a => `${a.id}: ${a.title}${a.displayValue ? ' (' + a.displayValue + ')' : ''}`);
    results.push({url, error: runtimeError ? runtimeError.message : null,
                  scores: Object.fromEntries(Object.entries(categories).map(([k, c]) => [k, c.score])), failed});
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
