"""The pages browsers are viewing written before the rest of a registry edit's patch (I/O),
when the edit keeps every Arabic name (an English name, a description or a type changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content.links import Linking
from ..core import urls
from ..core.diagnostics import BuildFailed, errors_only
from ..core.hosts import SiteSize
from . import cache, snapshotfile
from .addresscheck import unpublished_in_edit
from .editscope import Edit
from .freshviews import fresh_views
from .output import measure
from .patchrender import ignore_step, render_patch
from .patchwrite import differing, replace_files


# A registry edit that keeps every Arabic name (an English name or a description changed)
# renders again each article that names the entity: at 5,000 articles, one named in 1,000
# was written 2.4 s after the save, the page a browser was viewing among the last. That page
# is written first now, from its own fresh view once the edited articles are checked: such
# an edit changes no other article's light view (what the page shows of it), so the patch
# that follows renders it the same and leaves it as it is.
def write_viewed_early(
    root: Path,
    stories: frozenset[str],
    edited: frozenset[str],
    context: tuple[snapshotfile.Loaded, Linking, Edit, Any],
    size: SiteSize,
) -> tuple[tuple[str, ...], SiteSize]:
    """Write the viewed pages a registry edit that keeps the Arabic names changes, before the
    patch's other pages (`stories`: those it reaches; `edited`: the article and gloss files
    edited with it): (the pages written, the site's size after, `size` before)."""
    loaded, links, edit, renamed_and_before = context
    config = links.config
    out_dir = edit.options.out_dir
    viewed = {
        story
        for story in stories
        if any(urls.output_path(urls.article(lang, story)) in edit.viewed for lang in urls.LANGS)
    }
    first = edited | viewed
    try:
        fresh, found = fresh_views(root, first, links, loaded.snapshot.registry)
    except snapshotfile.SnapshotDamaged:  # the patch finds it too, and builds in full
        return (), size
    if errors_only(found):
        raise BuildFailed(errors_only(found))
    quiet = ignore_step  # the step said is writing the viewed pages
    made = render_patch(root, loaded, fresh, config, edit, quiet, renamed_and_before, True)
    if made is None or fresh.keys() != first:
        return (), size
    folders = (out_dir, edit.templates[0] / "static")  # no page vanishes: made is not None
    unpublished = unpublished_in_edit(loaded.snapshot, frozenset(), fresh, folders, made[4])
    if unpublished:
        raise BuildFailed(unpublished)
    # Not their search records: the patch indexes the parts of the records it writes.
    pages = [file for file in differing(out_dir, made[0][0]) if file.path in edit.viewed]
    paths = [file.path for file in pages]
    before = measure(out_dir, paths)
    cache.forget(root)  # from the first write on, an interrupted build is not current
    replace_files(out_dir, pages)
    edit.on_written(tuple(paths))
    after = measure(out_dir, paths)
    return tuple(paths), size.changed(before, after)
