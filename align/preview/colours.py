"""Speaker colours that keep WCAG 2.1 AA contrast as text on every background the page uses."""

from __future__ import annotations

import colorsys

# Backgrounds a speaker's colour appears on: the page, the current cue, a flagged turn.
BACKGROUNDS = ("#ffffff", "#fff1b8", "#fdf3e6")
AA_TEXT = 4.5

# Nine hues far apart, each dark enough for text; more speakers get hues spaced around the wheel.
_PALETTE = ("#1f5fa8", "#b03a12", "#18794e", "#7b3fa8", "#a3195b", "#00707a", "#6b5d00", "#9a4a00", "#3d5a80")


def luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.1)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: str) -> bool:
    return all(contrast(colour, bg) >= AA_TEXT for bg in BACKGROUNDS)


def speaker_colours(count: int) -> list[str]:
    """``count`` distinct colours, each readable as text on every page background."""
    colours = list(_PALETTE[:count])
    k = 0
    while len(colours) < count:
        hue = (k * 0.618034 + 0.07) % 1.0  # the golden angle keeps successive hues apart
        k += 1
        for lightness in range(45, 5, -2):
            r, g, b = colorsys.hls_to_rgb(hue, lightness / 100, 0.75)
            colour = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
            if readable(colour):
                if colour not in colours:
                    colours.append(colour)
                break
    return colours
