/**
 * The script at the end of every page (src/lib/document-html.ts): progressive enhancement only,
 * the page is complete without it. It turns the UTC times the HTML carries into the visitor's
 * local time, shows the stale-data warning and the overdue flags from the visitor's clock, and
 * counts "ongoing for" and "(3 minutes ago)" again. Kept as the layout template wrote it, indent
 * included, so the pages stayed byte for byte the same when the layout became a string (issue #15).
 */
export const PAGE_SCRIPT = `
      // Progressive enhancement only: the page is complete without it. A static page can outlive
      // the Action that builds it, so compare the data time with the visitor's clock.
      (function () {
        var body = document.body;
        var asOf = Date.parse(body.getAttribute('data-as-of'));
        var limit = Number(body.getAttribute('data-stale-after')) * 60000;
        if (asOf && Date.now() - asOf > limit) {
          var warn = document.getElementById('stale-warning');
          if (warn) warn.hidden = false;
          var banner = document.querySelector('[data-banner="operational"]');
          if (banner) banner.textContent = banner.getAttribute('data-stale-text');
        }
        // Local time with the zone's short name ("10:39 CET"); the UTC the HTML carries stays on
        // hover (title) and on tap or focus (tabindex + the CSS tooltip from data-utc).
        var fmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
        var zone = '';
        document.querySelectorAll('time[data-local]').forEach(function (el) {
          var d = new Date(el.getAttribute('datetime'));
          if (isNaN(d)) return;
          var utc = el.textContent;
          el.title = utc;
          el.setAttribute('data-utc', utc);
          el.tabIndex = 0;
          el.textContent = fmt.format(d);
          if (!zone) zone = (fmt.formatToParts(d).find(function (p) { return p.type === 'timeZoneName'; }) || {}).value || '';
        });
        // A promised next update whose time has passed since the build is overdue now.
        document.querySelectorAll('[data-next-update][data-due]').forEach(function (el) {
          var due = Date.parse(el.getAttribute('data-due'));
          var flag = el.querySelector('[data-overdue]');
          if (flag && due && Date.now() > due) flag.hidden = false;
        });
        var tz = document.querySelector('[data-tz-note]');
        if (tz) tz.textContent = 'Times are your local time' + (zone ? ' (' + zone + ')' : '') + '; tap, hover or focus a time for UTC.';
        // "Ongoing for 2 h" was true at build time; count it again from the visitor's clock.
        document.querySelectorAll('[data-ongoing-since]').forEach(function (el) {
          var ms = Date.now() - Date.parse(el.getAttribute('data-ongoing-since'));
          if (isNaN(ms) || ms < 0) return;
          var min = Math.floor(ms / 6e4), h = Math.floor(min / 60), d = Math.floor(h / 24);
          el.textContent = min < 1 ? Math.round(ms / 1e3) + ' s' : min < 60 ? min + ' min' : h < 48 ? h + ' h' + (min % 60 ? ' ' + (min % 60) + ' min' : '') : d + ' d' + (h % 24 ? ' ' + (h % 24) + ' h' : '');
        });
        // "(3 minutes ago)" was true when the page was built; say it again from the visitor's clock.
        var rel = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
        var units = [['year', 31536e6], ['month', 2592e6], ['day', 864e5], ['hour', 36e5], ['minute', 6e4], ['second', 1e3]];
        document.querySelectorAll('[data-relative]').forEach(function (el) {
          var diff = Date.parse(el.getAttribute('data-relative')) - Date.now();
          if (isNaN(diff)) return;
          var unit = units.find(function (u) { return Math.abs(diff) >= u[1]; }) || units[units.length - 1];
          el.textContent = ' (' + rel.format(Math.trunc(diff / unit[1]), unit[0]) + ')';
        });
      })();
    `;
