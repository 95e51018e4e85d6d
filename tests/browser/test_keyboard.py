"""Keyboard only: the skip link comes first and works, Tab reaches every control, focus shows."""

import pytest

from .conftest import sign_in

# Marks every visible control a keyboard user should reach, records how each looks unfocused, and
# returns their descriptions by mark. Radio buttons share one tab stop per group.
MARK_FOCUSABLES = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, '
    + '[tabindex], [contenteditable=""], [contenteditable="true"]';
  const controls = {};
  window.__unfocused = {};
  let index = 0;
  for (const element of document.querySelectorAll(selector)) {
    if (element.disabled || element.tabIndex < 0 || element.closest('[inert]')) continue;
    if (element.matches('input[type=hidden]')) continue;
    if (element.matches('summary') && element.parentElement.querySelector('summary') !== element)
      continue;
    if (!element.checkVisibility({visibilityProperty: true})) continue;
    const mark = element.matches('input[type=radio]') && element.name
      ? `radio:${element.name}` : `control-${index++}`;
    element.dataset.keyboardMark = mark;
    controls[mark] = window.__describe(element);
    window.__unfocused[mark] = window.__look(element);
  }
  return controls;
}"""

# Helpers installed on every page before its scripts run.
HELPERS = """
window.__describe = (element) => {
  const text = (element.innerText || element.value || element.getAttribute('aria-label')
    || element.id || element.name || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
  return `<${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}> ${text}`;
};
// What shows focus: the element itself, or, for GOV.UK's transparent checkbox and radio inputs,
// their labels' pseudo-elements, which draw the box and its focus ring.
window.__look = (element) => {
  const parts = parseFloat(getComputedStyle(element).opacity) === 0
    ? [...(element.labels || [])].flatMap((label) => [[label, '::before'], [label, '::after']])
    : [[element, null]];
  const shown = (colour) => !/^(transparent|rgba\\(.*,\\s*0\\))$/.test(colour);
  return parts.map(([node, pseudo]) => {
    const style = getComputedStyle(node, pseudo);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && shown(style.outlineColor);
    return {
      outline: outlined ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`
        : 'none',
      boxShadow: style.boxShadow,
      background: style.backgroundColor,
    };
  });
};
"""

# Describes the focused element and says how its focus is shown (null when it is not).
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement)
    return {mark: null, body: true};
  const mark = element.dataset.keyboardMark || null;
  const before = mark ? (window.__unfocused || {})[mark] : undefined;
  const now = window.__look(element);
  let indicator = null;
  now.forEach((part, i) => {
    const was = before ? before[i] : {outline: 'none', boxShadow: 'none', background: ''};
    if (part.outline !== 'none' && part.outline !== was.outline) indicator = 'outline';
    else if (part.boxShadow !== 'none' && part.boxShadow !== was.boxShadow) indicator = 'shadow';
    else if (before && part.background !== was.background) indicator = 'background';
  });
  const box = element.getBoundingClientRect();
  return {mark, body: false, description: window.__describe(element), indicator,
          width: box.width, height: box.height, top: box.top, left: box.left};
}"""

PAGES = ["/", "/actions/"]


@pytest.fixture
def committee_page(page, demo):
    page.context.add_init_script(HELPERS)
    sign_in(page, demo, "committee")
    return page


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


@pytest.mark.parametrize("path", PAGES)
def test_skip_link_is_first_visible_and_goes_to_main_content(committee_page, demo, path):
    page = committee_page
    page.goto(f"{demo.url}{path}")
    page.evaluate(MARK_FOCUSABLES)

    focused = tab(page)
    assert focused["description"].endswith("Skip to main content"), focused
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.is_visible()
    assert focused["width"] > 20 and focused["height"] > 10, f"Skip link too small: {focused}"
    assert 0 <= focused["top"] < 900 and 0 <= focused["left"] < 1280, focused
    assert focused["indicator"], "The skip link shows no focus indicator"

    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main-content'")
    main = page.locator("#main-content")
    assert page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    ), "Focus did not move to the main content"
    assert main.evaluate("(m) => m.getBoundingClientRect().top") <= 5, "Main content not in view"

    # The next Tab continues from the main content, past the header.
    tab(page)
    assert page.evaluate(
        "(() => { const a = document.activeElement, m = document.getElementById('main-content');"
        " return m.contains(a) && a !== m; })()"
    ), "Tab after the skip link did not land in the main content"


@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_every_control_and_shows_focus(committee_page, demo, path):
    page = committee_page
    page.goto(f"{demo.url}{path}")
    controls = page.evaluate(MARK_FOCUSABLES)
    assert controls, "No focusable controls found"

    reached, order, unmarked, no_indicator = set(), [], [], []
    for _ in range(len(controls) + 25):
        focused = tab(page)
        if focused["body"]:
            if order:  # focus left the page after the last control
                break
            continue
        if focused["mark"] is not None and focused["mark"] == (order[0] if order else None):
            break  # wrapped round to the first control
        order.append(focused["mark"])
        if focused["mark"] is None:
            unmarked.append(focused["description"])
        else:
            reached.add(focused["mark"])
        if not focused["indicator"]:
            no_indicator.append(focused["description"])

    missing = [controls[mark] for mark in controls if mark not in reached]
    assert not missing, f"Tab never reached {len(missing)} control(s) on {path}: {missing}"
    assert not unmarked, f"Tab stopped on elements the DOM query did not list on {path}: {unmarked}"
    assert not no_indicator, f"No visible focus indicator on {path}: {no_indicator}"
