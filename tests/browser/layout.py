"""Measurements of what a person can see, taken in the browser (layout tests)."""

from __future__ import annotations

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

# Each select whose chosen label is wider than the room inside it (the arrow takes ~20 px),
# each element whose text is cut, and each text box narrower than ``chars`` characters ("0"
# wide, the CSS ``ch``) or not showing all of its text.
CUT = """
([selector, chars]) => {
  const ctx = document.createElement("canvas").getContext("2d");
  const px = (v) => parseFloat(v) || 0;
  const cut = [];
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    ctx.font = style.font;
    const room = el.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
    if (el.tagName === "SELECT") {
      const text = el.selectedIndex >= 0 ? el.options[el.selectedIndex].text : "";
      if (ctx.measureText(text).width > room - 20) cut.push(`select: ${text} (${room}px)`);
    } else if (el.tagName === "TEXTAREA" || el.tagName === "INPUT") {
      const least = chars * ctx.measureText("0").width;
      if (room < least) cut.push(`${el.name}: ${room}px < ${chars}ch ${least}px`);
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        cut.push(`${el.name}: text hidden (${el.scrollHeight} > ${el.clientHeight})`);
    } else if (el.scrollWidth > el.clientWidth + 1) {
      cut.push(`${el.tagName}: ${el.textContent.trim().slice(0, 40)}`);
    }
  }
  return cut;
}
"""


# What sticks out past the right edge of the window (to say what to fix when a page is wide).
WIDE = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5)
      wide.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)} px)`);
  }
  return wide.slice(0, 8);
}
"""


def wide_elements(page) -> list[str]:
    return page.evaluate(WIDE)


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate(OVERFLOW)


def cut(page, selector: str, *, chars: int = 0) -> list[str]:
    return page.evaluate(CUT, [selector, chars])
