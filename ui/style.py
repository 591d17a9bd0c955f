"""Look and feel of the web UI: theme, stylesheet and the small script that makes [n] jump to its source."""
from __future__ import annotations

import gradio as gr

FONT = ["Inter", "ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial",
        "sans-serif"]
FONT_MONO = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]


def theme() -> gr.themes.Base:
    # Plain font names only: the machine may be offline, so no web fonts.
    return gr.themes.Soft(primary_hue="indigo", secondary_hue="slate", neutral_hue="slate", font=FONT,
                          font_mono=FONT_MONO, radius_size="md", text_size="md")


# Clicking a citation marker or a card number scrolls its card into view and flashes it.
# Capture phase: it runs before the chat's own link handling (which would open a new tab). The chat's
# sanitizer keeps id/class/href/title but drops data-* attributes, so the target comes from href.
HEAD = """
<style>
/* outside the app's container, so not in CSS (Gradio scopes that to the container) */
@media (max-width: 640px) { .gradio-container .main.app { padding: 6px 8px !important; } }
body.fq-reading .scroll-down-button-container { display: none !important; }  /* not over the reader */
</style>
<script>
(function () {
  function scroller(el) {
    for (var e = el.parentElement; e; e = e.parentElement) {
      var oy = getComputedStyle(e).overflowY;
      if ((oy === 'auto' || oy === 'scroll') && e.scrollHeight > e.clientHeight) return e;
    }
    return null;
  }
  // Scroll only the chat panel (not the page) so that `el` sits at the top or the middle of it.
  function reveal(el, where) {
    var box = scroller(el);
    if (!box) { el.scrollIntoView({block: where === 'top' ? 'start' : 'center'}); return; }
    var r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
    var off = where === 'top' ? r.top - b.top - 8 : r.top - b.top - (b.height - Math.min(r.height, b.height)) / 2;
    box.scrollTo({top: box.scrollTop + off, behavior: where === 'top' ? 'auto' : 'smooth'});
  }
  function jump(ev) {
    var r = ev.target && ev.target.closest ? ev.target.closest('a[href^="#read="]') : null;
    if (r) {  // a source's title or an indexed article: open it in the reader
      ev.preventDefault();
      ev.stopPropagation();
      if (window.fqRead) window.fqRead(r.getAttribute('href'));
      return;
    }
    var a = ev.target && ev.target.closest ? ev.target.closest('a[href^="#cite-"]') : null;
    if (!a) return;
    var el = document.getElementById(a.getAttribute('href').slice(1));
    if (!el) return;
    ev.preventDefault();
    ev.stopPropagation();
    reveal(el, 'center');
    el.classList.remove('fq-flash');
    void el.offsetWidth;
    el.classList.add('fq-flash');
    setTimeout(function () { el.classList.remove('fq-flash'); }, 1800);
  }
  document.addEventListener('click', jump, true);
  // After an answer is complete: show it from the question down, not its last source card.
  // The chat's own autoscroll runs once more after the last update, so try a few times.
  window.fqShowLatest = function () {
    [120, 450, 900].forEach(function (ms) {
      setTimeout(function () {
        var users = document.querySelectorAll('#fq-chat .fq-user');
        if (users.length) reveal(users[users.length - 1], 'top');
      }, ms);
    });
  };
})();
</script>
"""

# The article reader (gr.HTML js_on_load; `server.read_article` renders ui.reader.article_html).
# window.fqRead(href) opens '#read=<doc>&at=<s>-<e>&marks=<s>-<e>,...'; opened from the article list
# (no `at`), it marks every sentence of that article cited anywhere in the conversation.
READER_JS = """
function spans(v) { return v ? v.split(',').map(function (p) { return p.split('-').map(Number); }) : []; }
function reveal() {
  var m = element.querySelector('.fq-hit-main') || element.querySelector('.fq-hit');
  var body = element.querySelector('.fq-reader-body');
  if (m && body) {
    body.scrollTop += m.getBoundingClientRect().top - body.getBoundingClientRect().top - body.clientHeight / 3;
  }
  var close = element.querySelector('.fq-reader-close');
  if (close) close.focus({preventScroll: true});
}
window.fqRead = async function (href) {
  var q = new URLSearchParams(href.replace(/^#/, ''));
  var doc = q.get('read');
  var at = q.get('at') ? q.get('at').split('-').map(Number) : null;
  var marks = spans(q.get('marks'));
  if (!at) {
    document.querySelectorAll('#fq-chat a[href^="#read="]').forEach(function (a) {
      var p = new URLSearchParams(a.getAttribute('href').slice(1));
      if (p.get('read') === doc) marks = marks.concat(spans(p.get('marks')));
    });
  }
  document.body.classList.add('fq-reading');
  props.value = '<div class="fq-reader-backdrop"></div><div class="fq-reader fq-reader-loading"><div class="fq-reader-head"><div class="fq-reader-titles">' +
                '<div class="fq-reader-title">Opening the article…</div></div></div></div>';
  var html = await server.read_article(doc, at, marks);
  props.value = '<div class="fq-reader-backdrop"></div>' + html;
  setTimeout(reveal, 30);
};
function shut() { props.value = ''; document.body.classList.remove('fq-reading'); }
element.addEventListener('click', function (ev) {
  if (ev.target.closest('.fq-reader-close') || ev.target.classList.contains('fq-reader-backdrop')) shut();
});
document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape' && props.value) shut(); });
"""

CSS = """
:root { --fq-accent: #4f46e5; --fq-accent-soft: #eef2ff; --fq-ink: #0f172a; --fq-muted: #64748b;
        --fq-line: #e2e8f0; --fq-card: #ffffff; --fq-mark: #fde68a; --fq-page: #f8fafc; }
.dark { --fq-accent: #a5b4fc; --fq-accent-soft: #1e1b4b; --fq-ink: #e2e8f0; --fq-muted: #94a3b8;
        --fq-line: #334155; --fq-card: #0f172a; --fq-mark: #facc15; --fq-page: #020617; }
.gradio-container { max-width: 1320px !important; margin: 0 auto !important; background: var(--fq-page); }
footer { opacity: .6; }

/* header */
.fq-header { align-items: center !important; padding: 4px 4px 0; gap: 12px; background: transparent !important; }
.fq-header .block, .fq-header .html-container { background: transparent !important; border: 0 !important; padding: 0 !important; }
.fq-brand { display: flex; align-items: center; gap: 14px; }
.fq-logo { flex: none; width: 42px; height: 42px; border-radius: 11px; background: linear-gradient(135deg, #4f46e5, #0ea5e9);
           color: #fff; font-weight: 800; font-size: 18px; display: flex; align-items: center; justify-content: center;
           letter-spacing: -.5px; box-shadow: 0 4px 14px rgba(79, 70, 229, .25); }
.fq-name { font-size: 22px; font-weight: 750; color: var(--fq-ink); letter-spacing: -.3px; line-height: 1.1; }
.fq-tag { font-size: 13.5px; color: var(--fq-muted); margin-top: 2px; }
.fq-status-wrap { display: flex; justify-content: flex-end; }
.fq-status { display: inline-flex; align-items: center; gap: 8px; padding: 6px 12px; border-radius: 999px;
             font-size: 13px; font-weight: 550; border: 1px solid var(--fq-line); background: var(--fq-card);
             color: var(--fq-ink); white-space: nowrap; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
.fq-dot { width: 8px; height: 8px; border-radius: 50%; background: #94a3b8; }
.fq-status-ok .fq-dot { background: #16a34a; box-shadow: 0 0 0 3px rgba(22, 163, 74, .15); }
.fq-status-wait .fq-dot { background: #f59e0b; animation: fq-pulse 1.2s infinite; }
.fq-status-err { border-color: #fca5a5; }
.fq-status-err .fq-dot { background: #dc2626; }
@keyframes fq-pulse { 50% { opacity: .3; } }

/* chat */
#fq-chat { border-radius: 14px !important; border: 1px solid var(--fq-line) !important; background: var(--fq-card) !important;
           box-shadow: 0 1px 2px rgba(15, 23, 42, .04); }
#fq-chat .message-row { padding: 4px 6px; }
#fq-chat .message { font-size: 15px; line-height: 1.6; }
#fq-chat .bot .message, #fq-chat .message.bot { max-width: 100% !important; }
.fq-empty-chat { text-align: center; color: var(--fq-muted); font-size: 15px; line-height: 1.7; }
.fq-empty-chat b { color: var(--fq-ink); font-size: 18px; }
.fq-user { font-weight: 550; display: block; padding-right: 56px; }  /* clear of the copy/delete buttons */
.fq-user-tag { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .06em;
               padding: 1px 7px; margin-right: 8px; border-radius: 6px; background: var(--fq-accent-soft);
               color: var(--fq-accent); vertical-align: 1px; }
.fq-msg { color: var(--fq-ink); }
.fq-answer { font-size: 15.5px; line-height: 1.65; }
.fq-pending { color: var(--fq-muted); display: flex; align-items: center; gap: 10px; }
.fq-dots { display: inline-flex; gap: 4px; }
.fq-dots i { width: 6px; height: 6px; border-radius: 50%; background: var(--fq-accent); opacity: .3;
             animation: fq-bounce 1s infinite; }
.fq-dots i:nth-child(2) { animation-delay: .15s; }
.fq-dots i:nth-child(3) { animation-delay: .3s; }
@keyframes fq-bounce { 40% { opacity: 1; transform: translateY(-2px); } }
.fq-caret { display: inline-block; width: 7px; height: 1em; margin-left: 2px; vertical-align: -2px;
            background: var(--fq-accent); opacity: .5; animation: fq-pulse .8s infinite; }

/* citation markers */
a.fq-ref, a.fq-n { display: inline-flex; align-items: center; justify-content: center; min-width: 19px; height: 19px;
                   padding: 0 5px; margin: 0 1px; border-radius: 6px; font-size: 11.5px; font-weight: 700;
                   line-height: 1; text-decoration: none !important; vertical-align: 2px;
                   background: var(--fq-accent-soft); color: var(--fq-accent) !important; border: 1px solid transparent;
                   cursor: pointer; transition: background .15s, border-color .15s; }
a.fq-ref:hover, a.fq-n:hover { border-color: var(--fq-accent); }
a.fq-n { vertical-align: 0; margin: 0 8px 0 0; flex: none; }

/* sections and source cards */
.fq-section { margin: 16px 0 8px; font-size: 11.5px; font-weight: 700; letter-spacing: .08em; text-transform: uppercase;
              color: var(--fq-muted); }
.fq-card { border: 1px solid var(--fq-line); border-radius: 12px; padding: 11px 14px 12px; margin: 0 0 8px;
           background: var(--fq-card); scroll-margin: 80px; transition: box-shadow .25s, border-color .25s; }
.fq-card:target, .fq-card.fq-flash { border-color: var(--fq-accent); box-shadow: 0 0 0 3px rgba(99, 102, 241, .25); }
.fq-card-head { display: flex; align-items: flex-start; gap: 0; }
.fq-title { font-weight: 650; font-size: 14px; line-height: 1.4; color: var(--fq-ink); flex: 1; }
.fq-meta { font-size: 12.5px; color: var(--fq-muted); margin: 2px 0 0 27px; }
blockquote.fq-passage { margin: 8px 0 0 27px !important; padding: 0 0 0 12px !important; border-left: 3px solid var(--fq-line) !important;
                        font-size: 14px; line-height: 1.6; color: var(--fq-muted); font-style: normal; background: none !important; }
blockquote.fq-passage mark { background: var(--fq-mark); color: #111827; padding: 1px 2px; border-radius: 3px;
                             box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.fq-reason { margin: 6px 0 0 27px; font-size: 13px; color: var(--fq-ink); }
.fq-reason::before { content: "Why: "; font-weight: 650; color: var(--fq-muted); }
.fq-stance { flex: none; margin-left: 10px; font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
             padding: 2px 8px; border-radius: 999px; }
.fq-stance-supports { background: #dcfce7; color: #166534; }
.fq-stance-refutes { background: #fee2e2; color: #991b1b; }
.fq-stance-neutral { background: #f1f5f9; color: #475569; }

/* follow-up query */
.fq-query { margin-top: 10px; font-size: 13px; color: var(--fq-muted); padding: 6px 10px; border-radius: 8px;
            background: var(--fq-page); border: 1px dashed var(--fq-line); display: inline-block; }
.fq-query-label { font-weight: 650; margin-right: 4px; }
.fq-query-text { color: var(--fq-ink); font-style: italic; }
.fq-foot { margin-top: 6px; font-size: 12px; color: var(--fq-muted); }
.fq-muted { color: var(--fq-muted); font-size: 12.5px; }

/* figures table */
.fq-figures { margin-top: 4px; }
table.fq-table { border-collapse: separate !important; border-spacing: 0; width: 100%; font-size: 13.5px; margin: 0 !important;
                 border: 1px solid var(--fq-line); border-radius: 10px; overflow: hidden; }
table.fq-table th { text-align: left; font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; font-weight: 700;
                    color: var(--fq-muted); background: var(--fq-page); padding: 7px 10px !important; border: 0 !important;
                    border-bottom: 1px solid var(--fq-line) !important; }
table.fq-table td { padding: 7px 10px !important; border: 0 !important; border-bottom: 1px solid var(--fq-line) !important;
                    vertical-align: middle; background: var(--fq-card); }
table.fq-table tr:last-child td { border-bottom: 0 !important; }
table.fq-table td:last-child { white-space: nowrap; }
td.fq-td-0 { font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
.fq-kind { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 999px;
           background: #f1f5f9; color: #334155; }
.fq-kind-count { background: #e0f2fe; color: #075985; }
.fq-kind-estimate { background: #fef3c7; color: #92400e; }
.fq-kind-projection, .fq-kind-plan { background: #f3e8ff; color: #6b21a8; }
.fq-hedge { font-weight: 500; opacity: .8; }

/* verdict */
.fq-verdict { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 8px; }
.fq-badge { display: inline-flex; align-items: center; gap: 7px; padding: 5px 13px 5px 6px; border-radius: 999px;
            font-weight: 750; font-size: 14px; letter-spacing: .01em; border: 1px solid transparent; }
.fq-badge-icon { width: 22px; height: 22px; border-radius: 50%; display: inline-flex; align-items: center;
                 justify-content: center; font-size: 13px; color: #fff; }
.fq-v-supported { background: #dcfce7; color: #14532d; border-color: #86efac; }
.fq-v-supported .fq-badge-icon { background: #16a34a; }
.fq-v-refuted { background: #fee2e2; color: #7f1d1d; border-color: #fca5a5; }
.fq-v-refuted .fq-badge-icon { background: #dc2626; }
.fq-v-conflicting { background: #fef3c7; color: #78350f; border-color: #fcd34d; }
.fq-v-conflicting .fq-badge-icon { background: #d97706; }
.fq-v-not_enough_evidence { background: #f1f5f9; color: #334155; border-color: #cbd5e1; }
.fq-v-not_enough_evidence .fq-badge-icon { background: #64748b; }
.fq-verdict-reason { font-size: 15px; color: var(--fq-ink); }

/* notices: "the articles don't say" is information, not an error */
.fq-notice { border-radius: 12px; padding: 12px 14px; background: #eff6ff; border: 1px solid #bfdbfe; color: #1e3a8a; }
.fq-notice-title { font-weight: 700; margin-bottom: 2px; }
.fq-notice-text { font-size: 14.5px; color: #1e40af; }
.fq-notice-warn { background: #fffbeb; border-color: #fde68a; color: #78350f; }
.fq-notice-warn .fq-notice-text { color: #92400e; }
.dark .fq-notice { background: #172554; border-color: #1e40af; color: #dbeafe; }
.dark .fq-notice-text { color: #bfdbfe; }

/* composer */
.fq-composer { border-radius: 14px !important; border: 1px solid var(--fq-line) !important; background: var(--fq-card) !important;
               padding: 8px 10px 10px !important; margin-top: 4px; gap: 4px !important;
               box-shadow: 0 1px 3px rgba(15, 23, 42, .06); }
.fq-composer > *, .fq-composer .row, .fq-composer .block, .fq-composer .form { background: transparent !important;
               border: 0 !important; box-shadow: none !important; }
.fq-composer:focus-within { border-color: var(--fq-accent) !important; box-shadow: 0 0 0 3px rgba(99, 102, 241, .15); }
.fq-toolrow { align-items: center !important; justify-content: space-between; }
#fq-mode .wrap { gap: 6px; }
#fq-mode label { border-radius: 999px !important; padding: 4px 12px !important; font-size: 13px; box-shadow: none !important;
                 border: 1px solid var(--fq-line) !important; background: var(--fq-card) !important; }
#fq-mode label.selected { background: var(--fq-accent-soft) !important; color: var(--fq-accent) !important;
                          border-color: var(--fq-accent) !important; font-weight: 650; }
#fq-mode input[type=radio] { display: none; }
#fq-input textarea { font-size: 15px !important; border: 0 !important; box-shadow: none !important;
                     background: transparent !important; padding-left: 4px !important; }
.fq-inputrow { align-items: flex-end !important; gap: 8px; }
#fq-send { border-radius: 10px !important; }
#fq-clear { border-radius: 999px !important; font-size: 12.5px !important; color: var(--fq-muted) !important;
            background: transparent !important; border: 1px solid var(--fq-line) !important; box-shadow: none !important;
            flex: none !important; }
#fq-clear:hover { color: var(--fq-ink) !important; border-color: var(--fq-muted) !important; }

/* example prompts in the empty chat */
#fq-chat .examples button, #fq-chat .example { border: 1px solid var(--fq-line) !important; border-radius: 12px !important;
      background: var(--fq-page) !important; transition: border-color .15s, background .15s; }
#fq-chat .examples button:hover, #fq-chat .example:hover { border-color: var(--fq-accent) !important;
      background: var(--fq-accent-soft) !important; }

/* sidebar */
.fq-side { gap: 8px !important; }
.fq-side .block:not(#fq-upload), .fq-side .html-container { padding: 0 !important; border: 0 !important;
                                                            background: transparent !important; box-shadow: none !important; }
.fq-side-h { font-size: 12px; font-weight: 750; letter-spacing: .08em; text-transform: uppercase; color: var(--fq-muted);
             margin: 6px 2px 0; }
.fq-side-note { font-size: 12.5px; color: var(--fq-muted); margin: 2px 2px 0; }
.fq-corpus { border: 1px solid var(--fq-line); border-radius: 12px; background: var(--fq-card); overflow: hidden; }
.fq-corpus.fq-empty { padding: 14px; color: var(--fq-muted); font-size: 13.5px; }
.fq-corpus-head { padding: 8px 12px; font-size: 12.5px; color: var(--fq-muted); border-bottom: 1px solid var(--fq-line);
                  background: var(--fq-page); }
ul.fq-doclist { list-style: none !important; margin: 0 !important; padding: 0 !important; max-height: 46vh; overflow-y: auto; }
li.fq-doc { padding: 9px 12px; border-bottom: 1px solid var(--fq-line); margin: 0 !important; }
li.fq-doc:last-child { border-bottom: 0; }
.fq-doc-title { font-size: 13.5px; font-weight: 600; line-height: 1.35; color: var(--fq-ink); }
.fq-doc-meta { font-size: 12px; color: var(--fq-muted); margin-top: 2px; }
#fq-upload { border-radius: 12px !important; border: 1.5px dashed var(--fq-line) !important; background: var(--fq-card) !important;
             box-shadow: none !important; }
#fq-upload:hover { border-color: var(--fq-accent) !important; }
.fq-up { font-size: 13px; padding: 8px 11px; border-radius: 10px; margin-top: 6px; line-height: 1.45; word-break: break-word; }
.fq-up ul { margin: 4px 0 0 16px; padding: 0; }
.fq-up-ok { background: #f0fdf4; border: 1px solid #bbf7d0; color: #14532d; }
.fq-up-info { background: #f8fafc; border: 1px solid var(--fq-line); color: #334155; }
.fq-up-warn { background: #fffbeb; border: 1px solid #fde68a; color: #78350f; }
.fq-up-err { background: #fef2f2; border: 1px solid #fecaca; color: #7f1d1d; }

/* no-wrap titles must never widen the page */
.fq-msg, .fq-card, .fq-title, .fq-answer, .fq-query { overflow-wrap: anywhere; min-width: 0; }
.fq-main > .column, .fq-chatcol, .fq-side { min-width: 0 !important; }
a.fq-title { text-decoration: none !important; color: var(--fq-ink) !important; cursor: pointer; }
a.fq-title:hover { color: var(--fq-accent) !important; text-decoration: underline !important; }
a.fq-title::after { content: " ↗"; font-weight: 500; color: var(--fq-muted); font-size: 12px; }
a.fq-doc-title { display: block; text-align: left; padding: 0 !important; margin: 0 !important; font-size: 13.5px; font-weight: 600; line-height: 1.35;
                text-decoration: none !important; color: var(--fq-ink) !important; cursor: pointer; }
#fq-send { flex: none !important; min-width: 76px !important; padding: 0 16px !important; }
#fq-clear { min-width: max-content !important; white-space: nowrap; }
a.fq-doc-title:hover { color: var(--fq-accent) !important; text-decoration: underline !important; }
.fq-td-label { display: none; }
.fq-query-about { font-weight: 500; }
.fq-notice-ask { background: var(--fq-accent-soft); border-color: #c7d2fe; color: var(--fq-ink); }
.fq-notice-ask .fq-notice-text { color: var(--fq-ink); }
#fq-note { padding: 0 !important; }
.fq-note { font-size: 13px; color: #92400e; background: #fffbeb; border: 1px solid #fde68a; border-radius: 8px;
           padding: 5px 10px; margin-top: 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }

/* article reader: a panel over the page (full screen on a phone) */
#fq-reader-wrap { position: static !important; padding: 0 !important; border: 0 !important; min-height: 0 !important; }
.fq-reader-backdrop { position: fixed; inset: 0; background: rgba(15, 23, 42, .35); z-index: 9999; }
.fq-reader { position: fixed; top: 0; right: 0; bottom: 0; width: min(760px, 100vw); z-index: 10000;
             background: var(--fq-card); color: var(--fq-ink); box-shadow: -8px 0 30px rgba(15, 23, 42, .18);
             display: flex; flex-direction: column; }
.fq-reader-head { display: flex; align-items: flex-start; gap: 12px; padding: 16px 18px 12px;
                  border-bottom: 1px solid var(--fq-line); }
.fq-reader-titles { flex: 1; min-width: 0; }
.fq-reader-title { font-size: 18px; font-weight: 700; line-height: 1.35; overflow-wrap: anywhere; }
.fq-reader-meta { font-size: 13px; color: var(--fq-muted); margin-top: 3px; }
.fq-reader-close { flex: none; width: 36px; height: 36px; border-radius: 10px; border: 1px solid var(--fq-line);
                   background: var(--fq-page); color: var(--fq-ink); font-size: 16px; cursor: pointer; }
.fq-reader-close:hover { border-color: var(--fq-accent); }
.fq-reader-body { flex: 1; overflow-y: auto; padding: 8px 22px 40px; font-size: 15.5px; line-height: 1.7;
                  overflow-wrap: anywhere; }
.fq-reader-body p { margin: 12px 0; }
mark.fq-hit { background: #fef3c7; color: inherit; border-radius: 3px; padding: 1px 2px;
              box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark.fq-hit-main { background: var(--fq-mark); color: #111827; box-shadow: 0 0 0 2px #f59e0b; }

/* tablet and phone */
@media (max-width: 900px) {
  .fq-main { flex-direction: column !important; }
  .fq-main > .column { width: 100% !important; flex: 1 1 auto !important; }
  ul.fq-doclist { max-height: 260px; }
}
@media (max-width: 640px) {
  #fq-chat { height: calc(100dvh - 290px) !important; min-height: 340px !important; }
  .fq-composer { padding: 6px 8px 8px !important; }
  #fq-mode { flex: 1 1 100% !important; }
  #fq-mode .wrap { flex-wrap: nowrap !important; }
  .fq-header { flex-direction: column !important; align-items: stretch !important; gap: 6px !important; }
  .fq-header > * { width: 100% !important; flex: none !important; }
  .fq-status-wrap { justify-content: flex-start; }
  .fq-logo { width: 36px; height: 36px; font-size: 16px; }
  .fq-name { font-size: 19px; }
  .fq-tag { font-size: 12.5px; }
  #fq-chat .message-row { padding: 2px 0; }
  #fq-chat .message { font-size: 14.5px; }
  .fq-meta, .fq-reason { margin-left: 0; }
  blockquote.fq-passage { margin-left: 0 !important; }
  .fq-card { padding: 10px 11px; }
  .fq-card-head { flex-wrap: wrap; row-gap: 4px; }
  .fq-stance { margin-left: auto; }
  .fq-toolrow { flex-wrap: wrap !important; gap: 6px !important; }
  #fq-mode label { padding: 4px 10px !important; font-size: 12.5px; }
  /* the figures table becomes one card per figure */
  table.fq-table, table.fq-table tbody, table.fq-table tr, table.fq-table td { display: block; width: 100%; }
  table.fq-table { border: 0 !important; border-radius: 0; padding: 0 !important; margin: 0 !important;
                   box-shadow: none !important; background: none !important; }
  table.fq-table tbody { padding: 0 !important; margin: 0 !important; border: 0 !important; }
  table.fq-table thead { display: none; }
  table.fq-table tr { border: 1px solid var(--fq-line); border-radius: 10px; margin-bottom: 6px; overflow: hidden;
                      background: var(--fq-card); }
  table.fq-table td { border: 0 !important; padding: 3px 10px !important; white-space: normal !important;
                      display: flex; gap: 8px; align-items: baseline; }
  table.fq-table td.fq-td-0 { padding-top: 7px !important; font-size: 15px; }
  table.fq-table td:last-child { padding-bottom: 7px !important; }
  .fq-td-label { display: inline-block; flex: none; width: 86px; font-size: 11px; font-weight: 700; letter-spacing: .04em;
                 text-transform: uppercase; color: var(--fq-muted); }
  .fq-reader-head { padding: 12px 12px 10px; }
  .fq-reader-body { padding: 4px 14px 32px; font-size: 15px; }
}
"""
