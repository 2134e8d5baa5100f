// Interface strings in English and Ukrainian. `t` fills `{name}` placeholders and ICU-style
// plurals, `{n, plural, one {# файл} few {# файли} other {# файлів}}` (Intl.PluralRules).
import { derived, writable } from "svelte/store";

const en = {
  "app.name": "Litopys",
  "search.placeholder": "Search articles…  (/ or {key})",
  "search.label": "Search",
  "search.syntax": "Query syntax",
  "search.clear": "Clear",
  "search.wholeText": "Whole text",
  "search.wholeTextHint": "Off (the default): only the story is searched; subscription prompts, photo credits and lists of other headlines are left out. On: the whole text is searched (in:all).",
  "reader.showBlocks": "Show these lines",
  "reader.hideBlocks": "Hide these lines",
  "reader.blockClass": "Class of this line",
  "reader.blockTitle": "{cls}: {reason}",
  "blocks.story": "{n, plural, one {# line of story} other {# lines of story}}",
  "blocks.boilerplate": "{n, plural, one {# line of boilerplate} other {# lines of boilerplate}}",
  "blocks.related": "{n, plural, one {# line of related headlines} other {# lines of related headlines}}",
  "block.auto": "Automatic",
  "block.story": "Story",
  "block.boilerplate": "Boilerplate",
  "block.related": "Related headlines",
  "reason.prompt": "subscription, read-also or sharing prompt",
  "reason.credit": "photo or source credit",
  "reason.byline": "author line",
  "reason.dateline": "only a date or time",
  "reason.list": "list of other headlines",
  "reason.repeated": "recurs in many articles of this source",
  "reason.links": "nearly all link text",
  "reason.user": "set by you",
  "reason.text": "text",
  "export.blockLabels": "Include the full text with block labels",
  "export.blockLabelsHint": "Also writes each article's full text with the class of every line (story, boilerplate, related headlines): a labelled_text column in CSV, the labelled text in reports and zip files.",
  "sort.label": "Sort",
  "sort.relevance": "Relevance",
  "sort.newest": "Newest",
  "sort.oldest": "Oldest",
  "sort.story-size": "Largest stories",
  "filters.remove": "Remove filter {term}",
  "sidebar.all": "All articles",
  "sidebar.sources": "Sources",
  "sidebar.languages": "Languages",
  "sidebar.tags": "Tags",
  "sidebar.manageTags": "Manage",
  "sidebar.saved": "Saved searches",
  "sidebar.saveCurrent": "Save current search",
  "sidebar.saveName": "Name for this search",
  "sidebar.delete": "Delete {name}",
  "sidebar.noSaved": "No saved searches yet.",
  "sidebar.noTags": "No tags yet.",
  "tags.notes": "{n, plural, one {# annotation} other {# annotations}} with this tag",
  "sidebar.orphans": "Orphaned annotations ({n})",
  "orphans.title": "Orphaned annotations",
  "orphans.count": "{n, plural, =0 {No orphaned annotations.} one {# annotation lost its quote} other {# annotations lost their quotes}}",
  "orphans.hint": "The quoted text is no longer found in the article, usually because the article was re-imported with a changed text. Open the article to place the note again, or delete it.",
  "orphans.open": "Open article",
  "orphans.delete": "Delete annotation",
  "orphans.missing": "(article not found)",
  "lang.uk": "Ukrainian",
  "lang.ru": "Russian",
  "lang.other": "Other",
  "lang.unknown": "Unknown",
  "badge.uk": "Ukr",
  "badge.ru": "Rus",
  "badge.other": "Other",
  "badge.unknown": "?",
  "results.count": "{n, plural, one {# result} other {# results}}",
  "results.none": "Nothing matches this search.",
  "results.loading": "Searching…",
  "results.selected": "{n} selected",
  "results.clearSelection": "Clear selection",
  "results.label": "Results",
  "results.untitled": "(untitled)",
  "reader.empty": "Choose an article to read it.",
  "remove.article": "Remove",
  "remove.articleHint": "Remove this article (Delete); Undo or the trash puts it back",
  "remove.results": "Remove all…",
  "remove.resultsHint": "Remove all {n, plural, one {# result} other {# results}} of this search (asks first)",
  "remove.confirmTitle": "Remove {n, plural, one {# article} other {# articles}}?",
  "remove.confirmText": "Every article this search finds goes, with its tags and annotations. Undo puts them back; the trash keeps them 30 days.",
  "remove.confirm": "Remove",
  "remove.done": "Removed {n, plural, one {# article} other {# articles}}",
  "remove.undo": "Undo",
  "remove.restored": "Put back {n, plural, one {# article} other {# articles}}",
  "welcome.title": "Your library is empty",
  "welcome.text": "Import article files or folders (text, HTML, JSON, CSV, WARC, zip) to search, tag and annotate them. Or look around the sample library first: five news articles to try everything on.",
  "welcome.import": "Import files…",
  "welcome.demo": "Open the sample library",
  "reader.edit": "Edit metadata",
  "reader.save": "Save",
  "reader.cancel": "Cancel",
  "reader.title": "Title",
  "reader.source": "Source",
  "reader.url": "URL",
  "reader.author": "Author",
  "reader.published": "Published",
  "reader.language": "Language",
  "reader.tags": "Tags",
  "reader.addTag": "Tag…",
  "reader.removeTag": "Remove tag {tag}",
  "reader.annotate": "Annotate selection",
  "reader.noteArticle": "Note on article",
  "reader.notes": "Notes",
  "reader.noNotes": "Select text and press A to annotate it.",
  "reader.deleteNote": "Delete note",
  "reader.notesCount": "{n, plural, =0 {Notes} one {# note} other {# notes}}",
  "reader.editNote": "Edit note",
  "reader.saveNote": "Save",
  "reader.orphaned": "Quote not found in the current text",
  "reader.similar": "More like this",
  "reader.noSimilar": "No similar articles.",
  "reader.mixed": "Mixes Latin and Cyrillic letters — possibly a look-alike spelling",
  "reader.origin": "Imported from {path}",
  "story.label": "Story",
  "story.members": "{n, plural, one {# article} other {# articles}} carry this text",
  "story.first": "first",
  "story.firstTitle": "First publisher: the earliest publication date in the story",
  "story.reused": "{pct}% of its text is in the other articles",
  "story.undated": "no date",
  "story.timeline": "Publications by day",
  "story.dayCount": "{date}: {n, plural, one {# article} other {# articles}}",
  "story.compare": "Compare",
  "story.compareWith": "Compare with {title}",
  "story.current": "open",
  "story.compareTitle": "Shared and changed text",
  "story.shared": "Shared passages",
  "story.changed": "Changed or added text",
  "story.containment": "{pct}% of the shorter text is shared",
  "story.loading": "Loading…",
  "results.fold": "Fold stories",
  "results.foldHint": "One row per story on this page: its best-ranked article; the others unfold on click",
  "results.reprints": "{n, plural, one {+# reprint} other {+# reprints}}",
  "results.sources": "{n, plural, one {# source} other {# sources}}",
  "results.unfold": "Show the other articles of this story",
  "results.refold": "Hide the other articles of this story",
  "timeline.label": "Timeline",
  "timeline.bucket": "Group by",
  "timeline.day": "Day",
  "timeline.week": "Week",
  "timeline.month": "Month",
  "timeline.year": "Year",
  "timeline.hint": "Drag across bars to filter by date",
  "timeline.undated": "{n} undated",
  "timeline.empty": "No dated articles.",
  "tag.title": "Tag articles",
  "tag.name": "Tag name",
  "tag.scope": "Apply to",
  "tag.current": "Current article",
  "tag.selection": "Selected articles ({n})",
  "tag.all": "All results ({n})",
  "tag.add": "Tag",
  "tag.remove": "Untag",
  "tag.added": "Tagged {n, plural, one {# article} other {# articles}} ‘{tag}’",
  "tag.removed": "Removed ‘{tag}’ from {n, plural, one {# article} other {# articles}}",
  "tag.noneAdded": "Nothing changed: every article already has ‘{tag}’",
  "tag.noneRemoved": "Nothing changed: no article had ‘{tag}’",
  "tag.undoneAdded": "Undone: ‘{tag}’ removed again from {n, plural, one {# article} other {# articles}}",
  "tag.undoneRemoved": "Undone: ‘{tag}’ is back on {n, plural, one {# article} other {# articles}}",
  "tags.title": "Manage tags",
  "tags.color": "Colour",
  "tags.rename": "Rename",
  "tags.merge": "Merge into",
  "tags.delete": "Delete",
  "tags.impact":
    "This affects {articles, plural, one {# article} other {# articles}}, {annotations, plural, one {# annotation} other {# annotations}} and {subtags, plural, one {# subtag} other {# subtags}}.",
  "tags.confirm": "Confirm",
  "tags.pick": "Choose a tag on the left.",
  "tags.newName": "New name",
  "tags.target": "Target tag",
  "tags.description": "Description",
  "annotate.title": "Annotate",
  "annotate.quote": "Quote",
  "annotate.whole": "The whole article",
  "annotate.note": "Note",
  "annotate.tags": "Tags (comma-separated)",
  "annotate.color": "Colour",
  "annotate.save": "Save annotation",
  "import.title": "Import",
  "import.paths": "Files or folders (one path per line)",
  "import.files": "Choose files…",
  "import.folder": "Choose folder…",
  "import.start": "Import",
  "import.cancel": "Cancel",
  "import.planned": "{n, plural, one {# file} other {# files}} to read",
  "import.progress": "{done} of {total, plural, one {# file} other {# files}}",
  "import.counts":
    "Imported {imported, plural, one {# article} other {# articles}} · {duplicates, plural, one {# duplicate} other {# duplicates}} · {failed} failed",
  "import.done": "Import finished",
  "import.cancelled": "Import cancelled",
  "import.failures": "Failures",
  "import.warnings": "Imported with a warning",
  "import.bundles": "{n, plural, one {# bundle merged} other {# bundles merged}}",
  "export.title": "Export",
  "export.what": "What to export",
  "export.search": "Current search ({n})",
  "export.tags": "Tag expression",
  "export.selection": "Selected articles ({n})",
  "export.format": "Format",
  "export.dest": "Destination file",
  "export.browse": "Browse…",
  "export.start": "Export",
  "export.progress": "{done} of {total, plural, one {# article} other {# articles}}",
  "export.done":
    "Exported {articles, plural, one {# article} other {# articles}} and {annotations, plural, one {# annotation} other {# annotations}} ({size})",
  "export.cancelled": "Export cancelled after {articles, plural, one {# article} other {# articles}}",
  "export.reveal": "Show in folder",
  "export.format.jsonl": "Litopys bundle, lossless: everything, re-importable (.jsonl)",
  "export.format.csv": "CSV table for spreadsheets, annotations in a second file (.csv)",
  "export.format.markdown": "Markdown report: text, tags and annotations (.md)",
  "export.format.html": "HTML report: text, tags and annotations, one web page (.html)",
  "export.format.w3c": "W3C Web Annotations (.jsonld)",
  "export.format.refi-qda": "REFI-QDA project for QDA software (.qdpx)",
  "export.format.zip": "Text files in folders by tag (.zip)",
  "export.annotationsOnly": "Annotations only (without the article text)",
  "export.extNote": "The file keeps the name you typed; files of this format usually end in .{ext}.",
  "export.replaceTitle": "Replace the file?",
  "export.replaceText": "{path} already exists. Replacing it loses what it holds now.",
  "export.replace": "Replace",
  "export.empty": "Nothing to export: the selection holds no articles. Nothing was written.",
  "library.title": "Library",
  "library.current": "Open library",
  "library.path": "Library path (opened, or created if missing)",
  "library.open": "Open",
  "library.recent": "Recent libraries",
  "status.articles": "{n, plural, one {# article} other {# articles}} in library",
  "status.mock": "demo data (no desktop backend)",
  "team.off": "Team: not joined",
  "team.synced": "Team: synced as {member}",
  "team.syncing": "Team: syncing…",
  "team.offline": "Team: offline",
  "team.error": "Team: sync failed",
  "team.pending": "{n, plural, one {# change} other {# changes}} not shared yet",
  "team.syncNow": "Sync now",
  "reader.noteAuthor": "by {member}",
  "help.title": "Keyboard shortcuts",
  "help.search": "Focus the search box",
  "help.next": "Next result",
  "help.prev": "Previous result",
  "help.tag": "Tag the current article or selection",
  "help.annotate": "Annotate the selected text",
  "help.remove": "Remove the selected articles, or the open one (Undo puts them back)",
  "help.help": "Show this help",
  "help.escape": "Close the dialog",
  "help.multi": "Toggle an article in the selection",
  "help.range": "Select a range of articles",
  "help.click": "click",
  "help.find": "Find in the open article",
  "help.nextMatch": "Next match in the article",
  "help.prevMatch": "Previous match in the article",
  "text.invisible": "Invisible character {name}: it can hide, split or reverse text",
  "reader.openOriginal": "Open original",
  "reader.openOriginalHint": "Open {url} in your browser",
  "reader.notWebLink": "Only http and https links open in the browser",
  "reader.copyLink": "Copy link",
  "reader.copyCitation": "Copy citation",
  "reader.copyCitationHint": "Title, source, date and link, for a report",
  "reader.linkCopied": "Copied the link",
  "reader.citationCopied": "Copied the citation: {text}",
  "reader.find": "Find in article",
  "reader.findPlaceholder": "Find in this article…",
  "reader.closeFind": "Close find (Esc)",
  "match.position": "{i} of {n}",
  "match.count": "{n, plural, =0 {No matches} one {# match} other {# matches}}",
  "match.next": "Next match ({keys})",
  "match.previous": "Previous match ({keys})",
  "match.label": "Matches in the article",
  "menu.capture": "Capture",
  "menu.feeds": "Feeds",
  "capture.title": "Capture a web page",
  "capture.address": "Web address (paste one, or drop a link on the window)",
  "capture.insecure": "Accept an invalid certificate for this capture (only for a site you trust)",
  "capture.hint": "The exact response (headers and bytes) is kept as WARC evidence with the capture time and its SHA-256; the text becomes an article.",
  "capture.connecting": "Starting…",
  "capture.fetching": "Fetching {url}…",
  "capture.storing": "Keeping the evidence and the text…",
  "capture.start": "Capture",
  "capture.open": "Open the article",
  "capture.status.new": "Captured: a new article",
  "capture.status.unchanged": "Captured again: the text has not changed",
  "capture.status.changed": "Captured: the page changed, a new version was kept",
  "capture.status.failed": "Not captured",
  "capture.changed": "{added} lines added, {removed} lines removed since the last capture",
  "provenance.captured": "Captured",
  "provenance.from": "from",
  "provenance.finalUrl": "Final address",
  "provenance.exportWarc": "Export WARC",
  "provenance.exported": "WARC written: {path} ({bytes} bytes)",
  "provenance.versions": "Other versions",
  "feeds.title": "Feeds and sitemaps",
  "feeds.placeholder": "Address of an RSS/Atom feed or a sitemap",
  "feeds.add": "Follow",
  "feeds.remove": "Stop following",
  "feeds.none": "No feeds followed yet.",
  "feeds.counts": "{items} items, {captured} captured",
  "feeds.lastSuccess": "last success",
  "feeds.never": "never",
  "feeds.every": "Poll every",
  "feeds.minutes": "minutes while the app runs (0: only by hand)",
  "feeds.pollNow": "Poll now",
  "feeds.polling": "Polling…",
  "feeds.polled": "Polled {feeds} feeds: {captured} new pages captured, {failed} items failed",
  "menu.import": "Import",
  "menu.export": "Export",
  "menu.library": "Library",
  "menu.help": "Help",
  "menu.language": "Interface language",
  "menu.theme": "Theme",
  "theme.system": "System",
  "theme.light": "Light",
  "theme.dark": "Dark",
  "export.tagsPlaceholder": "war/* -fact-check",
  "export.destPlaceholder": "/home/me/export.{ext}",
  "import.pathsPlaceholder": "/home/me/scrapes/2022-03/",
  "library.pathPlaceholder": "/home/me/research.litopys",
  "tag.placeholder": "war/diplomacy",
  "annotate.tagsPlaceholder": "verify, war/diplomacy",
  "sidebar.label": "Library",
  "sidebar.noSource": "No source",
  "reader.label": "Reader",
  "color.blue": "Blue",
  "color.green": "Green",
  "color.yellow": "Yellow",
  "color.pink": "Pink",
  "color.orange": "Orange",
  "color.purple": "Purple",
  "common.close": "Close",
  "common.undo": "Undo",
  "common.cancel": "Cancel",
  "common.error": "Error",
  "error.generic": "Something went wrong: {message}",
} as const;

export type Key = keyof typeof en;
export type Locale = "en" | "uk";

const uk: Record<Key, string> = {
  "app.name": "Літопис",
  "search.placeholder": "Пошук статей…  (/ або {key})",
  "search.label": "Пошук",
  "search.syntax": "Синтаксис запиту",
  "search.clear": "Очистити",
  "search.wholeText": "Увесь текст",
  "search.wholeTextHint": "Вимкнено (типово): шукається лише сама стаття, без закликів підписатися, підписів до фото та списків інших заголовків. Увімкнено: шукається весь текст (in:all).",
  "reader.showBlocks": "Показати ці рядки",
  "reader.hideBlocks": "Сховати ці рядки",
  "reader.blockClass": "Клас цього рядка",
  "reader.blockTitle": "{cls}: {reason}",
  "blocks.story": "{n, plural, one {# рядок} few {# рядки} other {# рядків}} статті",
  "blocks.boilerplate": "{n, plural, one {# рядок} few {# рядки} other {# рядків}} службового тексту",
  "blocks.related": "{n, plural, one {# рядок} few {# рядки} other {# рядків}} інших заголовків",
  "block.auto": "Автоматично",
  "block.story": "Стаття",
  "block.boilerplate": "Службовий текст",
  "block.related": "Інші заголовки",
  "reason.prompt": "заклик підписатися, читати ще чи поділитися",
  "reason.credit": "підпис до фото чи джерело",
  "reason.byline": "рядок з автором",
  "reason.dateline": "лише дата чи час",
  "reason.list": "список інших заголовків",
  "reason.repeated": "повторюється в багатьох статтях цього джерела",
  "reason.links": "майже самі посилання",
  "reason.user": "ваш вибір",
  "reason.text": "текст",
  "export.blockLabels": "Додати повний текст із мітками блоків",
  "export.blockLabelsHint": "Також записує повний текст кожної статті з класом кожного рядка (стаття, службовий текст, інші заголовки): стовпець labelled_text у CSV, текст із мітками у звітах і zip-архівах.",
  "sort.label": "Сортування",
  "sort.relevance": "За релевантністю",
  "sort.newest": "Спершу нові",
  "sort.oldest": "Спершу старі",
  "sort.story-size": "Спершу великі сюжети",
  "filters.remove": "Прибрати фільтр {term}",
  "sidebar.all": "Усі статті",
  "sidebar.sources": "Джерела",
  "sidebar.languages": "Мови",
  "sidebar.tags": "Теги",
  "sidebar.manageTags": "Керувати",
  "sidebar.saved": "Збережені пошуки",
  "sidebar.saveCurrent": "Зберегти цей пошук",
  "sidebar.saveName": "Назва пошуку",
  "sidebar.delete": "Видалити {name}",
  "sidebar.noSaved": "Збережених пошуків ще немає.",
  "tags.notes": "{n, plural, one {# анотація} few {# анотації} many {# анотацій} other {# анотації}} з цим тегом",
  "sidebar.noTags": "Тегів ще немає.",
  "sidebar.orphans": "Осиротілі анотації ({n})",
  "orphans.title": "Осиротілі анотації",
  "orphans.count": "{n, plural, =0 {Осиротілих анотацій немає.} one {# анотація втратила цитату} few {# анотації втратили цитати} other {# анотацій втратили цитати}}",
  "orphans.hint": "Процитованого тексту більше немає в статті — зазвичай тому, що статтю повторно імпортовано зі зміненим текстом. Відкрийте статтю, щоб прив’язати нотатку знову, або видаліть її.",
  "orphans.open": "Відкрити статтю",
  "orphans.delete": "Видалити анотацію",
  "orphans.missing": "(статтю не знайдено)",
  "lang.uk": "Українська",
  "lang.ru": "Російська",
  "lang.other": "Інша",
  "lang.unknown": "Невідома",
  "badge.uk": "укр",
  "badge.ru": "рос",
  "badge.other": "інша",
  "badge.unknown": "?",
  "results.count": "{n, plural, one {# результат} few {# результати} other {# результатів}}",
  "results.none": "За цим запитом нічого не знайдено.",
  "results.loading": "Пошук…",
  "results.selected": "Вибрано: {n}",
  "results.clearSelection": "Зняти вибір",
  "results.label": "Результати",
  "results.untitled": "(без назви)",
  "reader.empty": "Виберіть статтю, щоб її прочитати.",
  "remove.article": "Вилучити",
  "remove.articleHint": "Вилучити цю статтю (Delete); «Скасувати» або кошик повернуть її",
  "remove.results": "Вилучити всі…",
  "remove.resultsHint": "Вилучити всі результати цього пошуку ({n}; спершу запитає)",
  "remove.confirmTitle": "Вилучити {n, plural, one {# статтю} few {# статті} other {# статей}}?",
  "remove.confirmText": "Зникнуть усі статті, які знаходить цей пошук, з їхніми тегами й анотаціями. «Скасувати» поверне їх; кошик зберігає їх 30 днів.",
  "remove.confirm": "Вилучити",
  "remove.done": "Вилучено {n, plural, one {# статтю} few {# статті} other {# статей}}",
  "remove.undo": "Скасувати",
  "remove.restored": "Повернуто {n, plural, one {# статтю} few {# статті} other {# статей}}",
  "welcome.title": "Ваша бібліотека порожня",
  "welcome.text": "Імпортуйте файли чи теки зі статтями (текст, HTML, JSON, CSV, WARC, zip), щоб шукати, позначати тегами й анотувати їх. Або спершу роздивіться зразкову бібліотеку: п’ять новин, на яких можна все спробувати.",
  "welcome.import": "Імпортувати файли…",
  "welcome.demo": "Відкрити зразкову бібліотеку",
  "reader.edit": "Редагувати метадані",
  "reader.save": "Зберегти",
  "reader.cancel": "Скасувати",
  "reader.title": "Заголовок",
  "reader.source": "Джерело",
  "reader.url": "Адреса",
  "reader.author": "Автор",
  "reader.published": "Опубліковано",
  "reader.language": "Мова",
  "reader.tags": "Теги",
  "reader.addTag": "Тег…",
  "reader.removeTag": "Прибрати тег {tag}",
  "reader.annotate": "Анотувати виділене",
  "reader.noteArticle": "Нотатка до статті",
  "reader.notes": "Нотатки",
  "reader.noNotes": "Виділіть текст і натисніть A, щоб додати анотацію.",
  "reader.deleteNote": "Видалити нотатку",
  "reader.notesCount": "{n, plural, =0 {Нотатки} one {# нотатка} few {# нотатки} other {# нотаток}}",
  "reader.editNote": "Редагувати нотатку",
  "reader.saveNote": "Зберегти",
  "reader.orphaned": "Цитату не знайдено в поточному тексті",
  "reader.similar": "Схожі статті",
  "reader.noSimilar": "Схожих статей немає.",
  "reader.mixed": "Змішано латиницю й кирилицю — можливо, підміна літер",
  "reader.origin": "Імпортовано з {path}",
  "story.label": "Сюжет",
  "story.members": "{n, plural, one {# стаття має} few {# статті мають} other {# статей мають}} цей текст",
  "story.first": "перша",
  "story.firstTitle": "Перша публікація: найраніша дата публікації в сюжеті",
  "story.reused": "{pct}% її тексту є в інших статтях",
  "story.undated": "без дати",
  "story.timeline": "Публікації за днями",
  "story.dayCount": "{date}: {n, plural, one {# стаття} few {# статті} other {# статей}}",
  "story.compare": "Порівняти",
  "story.compareWith": "Порівняти з «{title}»",
  "story.current": "відкрита",
  "story.compareTitle": "Спільний і змінений текст",
  "story.shared": "Спільні фрагменти",
  "story.changed": "Змінений або доданий текст",
  "story.containment": "Спільне — {pct}% коротшого тексту",
  "story.loading": "Завантаження…",
  "results.fold": "Згорнути сюжети",
  "results.foldHint": "Один рядок на сюжет на цій сторінці: його найвища за рангом стаття; інші розгортаються кліком",
  "results.reprints": "{n, plural, one {+# передрук} few {+# передруки} other {+# передруків}}",
  "results.sources": "{n, plural, one {# джерело} few {# джерела} other {# джерел}}",
  "results.unfold": "Показати інші статті цього сюжету",
  "results.refold": "Сховати інші статті цього сюжету",
  "timeline.label": "Хронологія",
  "timeline.bucket": "Групувати за",
  "timeline.day": "Днями",
  "timeline.week": "Тижнями",
  "timeline.month": "Місяцями",
  "timeline.year": "Роками",
  "timeline.hint": "Протягніть по стовпчиках, щоб відфільтрувати за датою",
  "timeline.undated": "без дати: {n}",
  "timeline.empty": "Немає датованих статей.",
  "tag.title": "Позначити статті тегом",
  "tag.name": "Назва тегу",
  "tag.scope": "Застосувати до",
  "tag.current": "Поточна стаття",
  "tag.selection": "Вибрані статті ({n})",
  "tag.all": "Усі результати ({n})",
  "tag.add": "Додати тег",
  "tag.remove": "Зняти тег",
  "tag.added": "Позначено тегом ‘{tag}’ {n, plural, one {# статтю} few {# статті} many {# статей} other {# статті}}",
  "tag.removed": "Тег ‘{tag}’ знято з {n, plural, one {# статті} few {# статей} many {# статей} other {# статті}}",
  "tag.noneAdded": "Нічого не змінено: усі статті вже мають тег ‘{tag}’",
  "tag.noneRemoved": "Нічого не змінено: жодна стаття не мала тегу ‘{tag}’",
  "tag.undoneAdded": "Скасовано: тег ‘{tag}’ знову знято з {n, plural, one {# статті} few {# статей} many {# статей} other {# статті}}",
  "tag.undoneRemoved": "Скасовано: тег ‘{tag}’ повернуто на {n, plural, one {# статтю} few {# статті} many {# статей} other {# статті}}",
  "tags.title": "Керування тегами",
  "tags.color": "Колір",
  "tags.rename": "Перейменувати",
  "tags.merge": "Об’єднати з",
  "tags.delete": "Видалити",
  "tags.impact":
    "Це зачепить {articles, plural, one {# статтю} few {# статті} other {# статей}}, {annotations, plural, one {# анотацію} few {# анотації} other {# анотацій}} і {subtags, plural, one {# підтег} few {# підтеги} other {# підтегів}}.",
  "tags.confirm": "Підтвердити",
  "tags.pick": "Виберіть тег ліворуч.",
  "tags.newName": "Нова назва",
  "tags.target": "Цільовий тег",
  "tags.description": "Опис",
  "annotate.title": "Анотація",
  "annotate.quote": "Цитата",
  "annotate.whole": "Уся стаття",
  "annotate.note": "Нотатка",
  "annotate.tags": "Теги (через кому)",
  "annotate.color": "Колір",
  "annotate.save": "Зберегти анотацію",
  "import.title": "Імпорт",
  "import.paths": "Файли або теки (по одному шляху в рядку)",
  "import.files": "Вибрати файли…",
  "import.folder": "Вибрати теку…",
  "import.start": "Імпортувати",
  "import.cancel": "Скасувати",
  "import.planned": "До читання: {n, plural, one {# файл} few {# файли} other {# файлів}}",
  "import.progress": "{done} з {total, plural, one {# файлу} other {# файлів}}",
  "import.counts":
    "Імпортовано {imported, plural, one {# статтю} few {# статті} other {# статей}} · {duplicates, plural, one {# дублікат} few {# дублікати} other {# дублікатів}} · {failed, plural, one {# помилка} few {# помилки} other {# помилок}}",
  "import.done": "Імпорт завершено",
  "import.cancelled": "Імпорт скасовано",
  "import.failures": "Помилки",
  "import.warnings": "Імпортовано з попередженням",
  "import.bundles": "Об’єднано {n, plural, one {# пакет} few {# пакети} other {# пакетів}}",
  "export.title": "Експорт",
  "export.what": "Що експортувати",
  "export.search": "Поточний пошук ({n})",
  "export.tags": "Вираз із тегів",
  "export.selection": "Вибрані статті ({n})",
  "export.format": "Формат",
  "export.dest": "Файл призначення",
  "export.browse": "Огляд…",
  "export.start": "Експортувати",
  "export.progress": "{done} з {total, plural, one {# статті} other {# статей}}",
  "export.done":
    "Експортовано {articles, plural, one {# статтю} few {# статті} other {# статей}} і {annotations, plural, one {# анотацію} few {# анотації} other {# анотацій}} ({size})",
  "export.cancelled": "Експорт скасовано після {articles, plural, one {# статті} other {# статей}}",
  "export.reveal": "Показати в теці",
  "export.format.jsonl": "Пакет Litopys без втрат: усе, можна імпортувати знову (.jsonl)",
  "export.format.csv": "Таблиця CSV для електронних таблиць, анотації в другому файлі (.csv)",
  "export.format.markdown": "Звіт Markdown: текст, теги й анотації (.md)",
  "export.format.html": "Звіт HTML: текст, теги й анотації, одна вебсторінка (.html)",
  "export.format.w3c": "Вебанотації W3C (.jsonld)",
  "export.format.refi-qda": "Проєкт REFI-QDA для програм якісного аналізу (.qdpx)",
  "export.format.zip": "Текстові файли в теках за тегами (.zip)",
  "export.annotationsOnly": "Лише анотації (без тексту статей)",
  "export.extNote": "Файл матиме ту назву, яку ви ввели; файли цього формату зазвичай закінчуються на .{ext}.",
  "export.replaceTitle": "Замінити файл?",
  "export.replaceText": "{path} уже існує. Після заміни те, що в ньому є, буде втрачено.",
  "export.replace": "Замінити",
  "export.empty": "Нічого експортувати: у вибірці немає статей. Нічого не записано.",
  "library.title": "Бібліотека",
  "library.current": "Відкрита бібліотека",
  "library.path": "Шлях до бібліотеки (відкриється або буде створена)",
  "library.open": "Відкрити",
  "library.recent": "Нещодавні бібліотеки",
  "status.articles": "{n, plural, one {# стаття} few {# статті} other {# статей}} у бібліотеці",
  "status.mock": "демонстраційні дані (без бекенда)",
  "team.off": "Команда: не приєднано",
  "team.synced": "Команда: синхронізовано як {member}",
  "team.syncing": "Команда: синхронізація…",
  "team.offline": "Команда: немає зв’язку",
  "team.error": "Команда: синхронізація не вдалася",
  "team.pending": "{n, plural, one {# зміна} few {# зміни} other {# змін}} ще не передано",
  "team.syncNow": "Синхронізувати",
  "reader.noteAuthor": "автор: {member}",
  "help.title": "Клавіатурні скорочення",
  "help.search": "Перейти до пошуку",
  "help.next": "Наступний результат",
  "help.prev": "Попередній результат",
  "help.tag": "Позначити тегом поточну статтю чи вибрані",
  "help.annotate": "Анотувати виділений текст",
  "help.remove": "Вилучити вибрані статті або відкриту («Скасувати» поверне їх)",
  "help.help": "Показати цю довідку",
  "help.escape": "Закрити діалог",
  "help.multi": "Додати статтю до вибору чи прибрати",
  "help.range": "Вибрати діапазон статей",
  "help.click": "клік",
  "help.find": "Знайти у відкритій статті",
  "help.nextMatch": "Наступний збіг у статті",
  "help.prevMatch": "Попередній збіг у статті",
  "text.invisible": "Невидимий символ {name}: він може приховати, розірвати або перевернути текст",
  "reader.openOriginal": "Відкрити оригінал",
  "reader.openOriginalHint": "Відкрити {url} у браузері",
  "reader.notWebLink": "У браузері відкриваються лише посилання http і https",
  "reader.copyLink": "Копіювати посилання",
  "reader.copyCitation": "Копіювати цитування",
  "reader.copyCitationHint": "Заголовок, джерело, дата й посилання — для звіту",
  "reader.linkCopied": "Посилання скопійовано",
  "reader.citationCopied": "Цитування скопійовано: {text}",
  "reader.find": "Знайти в статті",
  "reader.findPlaceholder": "Знайти в цій статті…",
  "reader.closeFind": "Закрити пошук (Esc)",
  "match.position": "{i} з {n}",
  "match.count": "{n, plural, =0 {Збігів немає} one {# збіг} few {# збіги} other {# збігів}}",
  "match.next": "Наступний збіг ({keys})",
  "match.previous": "Попередній збіг ({keys})",
  "match.label": "Збіги в статті",
  "menu.capture": "Зберегти сторінку",
  "menu.feeds": "Стрічки",
  "capture.title": "Зберегти вебсторінку",
  "capture.address": "Адреса сторінки (вставте її або перетягніть посилання у вікно)",
  "capture.insecure": "Прийняти недійсний сертифікат для цього збереження (лише для сайту, якому ви довіряєте)",
  "capture.hint": "Точна відповідь сервера (заголовки й байти) зберігається як доказ у форматі WARC із часом і хешем SHA-256; текст стає статтею.",
  "capture.connecting": "Починаємо…",
  "capture.fetching": "Завантаження {url}…",
  "capture.storing": "Зберігаємо доказ і текст…",
  "capture.start": "Зберегти",
  "capture.open": "Відкрити статтю",
  "capture.status.new": "Збережено: нова стаття",
  "capture.status.unchanged": "Збережено ще раз: текст не змінився",
  "capture.status.changed": "Збережено: сторінка змінилася, нову версію додано",
  "capture.status.failed": "Не збережено",
  "capture.changed": "Додано рядків: {added}, вилучено: {removed} від попереднього збереження",
  "provenance.captured": "Збережено",
  "provenance.from": "з",
  "provenance.finalUrl": "Кінцева адреса",
  "provenance.exportWarc": "Експорт WARC",
  "provenance.exported": "WARC записано: {path} (байтів: {bytes})",
  "provenance.versions": "Інші версії",
  "feeds.title": "Стрічки й мапи сайтів",
  "feeds.placeholder": "Адреса стрічки RSS/Atom або мапи сайту",
  "feeds.add": "Стежити",
  "feeds.remove": "Не стежити",
  "feeds.none": "Ви ще не стежите за жодною стрічкою.",
  "feeds.counts": "Записів: {items}, збережено: {captured}",
  "feeds.lastSuccess": "останній успіх",
  "feeds.never": "ніколи",
  "feeds.every": "Перевіряти кожні",
  "feeds.minutes": "хвилин, поки застосунок працює (0 — лише вручну)",
  "feeds.pollNow": "Перевірити зараз",
  "feeds.polling": "Перевіряємо…",
  "feeds.polled": "Перевірено стрічок: {feeds}; нових сторінок збережено: {captured}; помилок: {failed}",
  "menu.import": "Імпорт",
  "menu.export": "Експорт",
  "menu.library": "Бібліотека",
  "menu.help": "Довідка",
  "menu.language": "Мова інтерфейсу",
  "menu.theme": "Тема",
  "theme.system": "Системна",
  "theme.light": "Світла",
  "theme.dark": "Темна",
  "export.tagsPlaceholder": "війна/* -фактчек",
  "export.destPlaceholder": "/home/я/експорт.{ext}",
  "import.pathsPlaceholder": "/home/я/зібране/2022-03/",
  "library.pathPlaceholder": "/home/я/дослідження.litopys",
  "tag.placeholder": "війна/дипломатія",
  "annotate.tagsPlaceholder": "перевірити, війна/дипломатія",
  "sidebar.label": "Бібліотека",
  "sidebar.noSource": "Без джерела",
  "reader.label": "Читання",
  "color.blue": "Синій",
  "color.green": "Зелений",
  "color.yellow": "Жовтий",
  "color.pink": "Рожевий",
  "color.orange": "Помаранчевий",
  "color.purple": "Фіолетовий",
  "common.close": "Закрити",
  "common.undo": "Скасувати",
  "common.cancel": "Скасувати",
  "common.error": "Помилка",
  "error.generic": "Щось пішло не так: {message}",
};

export const dictionaries: Record<Locale, Record<Key, string>> = { en, uk };

const STORAGE_KEY = "litopys.locale";

/** The saved choice, else Ukrainian for `uk*` browser languages, else English. */
export function detectLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "uk") return saved;
  } catch {
    // No storage: fall through to the browser language.
  }
  const lang = typeof navigator !== "undefined" ? navigator.language : "en";
  return lang.toLowerCase().startsWith("uk") ? "uk" : "en";
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The CLDR plural category of `n` in `loc`: `one`, `few`, `many` or `other` (uk: 1 · 2–4 · 5+ and 11–14). */
export function pluralCategory(loc: Locale, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(loc);
  if (!rules) {
    rules = new Intl.PluralRules(loc === "uk" ? "uk-UA" : "en-GB");
    pluralRules.set(loc, rules);
  }
  return rules.select(n);
}

export type PluralForms = Partial<Record<Intl.LDMLPluralRule | `=${number}`, string>> & { other: string };

/**
 * Picks the form of `forms` for `n` (exact `=N` first, then the plural category,
 * then `other`) and puts `n` in place of `#`.
 */
export function plural(loc: Locale, n: number, forms: PluralForms): string {
  const exact = forms[`=${n}`];
  const form = exact ?? forms[pluralCategory(loc, n)] ?? forms.other;
  return form.replace(/#/g, String(n));
}

/** Index just past the `}` closing the `{` at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

/** `one {# file} other {# files}` → `{one: "# file", other: "# files"}`. */
function parseForms(body: string): PluralForms | null {
  const forms: Record<string, string> = {};
  let i = 0;
  const selector = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
  while (i < body.length) {
    if (/^\s*$/.test(body.slice(i))) break;
    selector.lastIndex = i;
    const m = selector.exec(body);
    if (!m) return null;
    const open = i + m[0].length - 1;
    const end = closing(body, open);
    if (end < 0) return null;
    forms[m[1]] = body.slice(open + 1, end - 1);
    i = end;
  }
  return "other" in forms ? (forms as PluralForms) : null;
}

/**
 * Fills `{name}` placeholders and ICU-style plurals,
 * `{n, plural, one {# article} few {# статті} other {# articles}}`.
 */
export function format(loc: Locale, template: string, params: Record<string, string | number> = {}): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) break;
    out += template.slice(i, open);
    const end = closing(template, open);
    if (end < 0) {
      i = open;
      break;
    }
    const inner = template.slice(open + 1, end - 1);
    const simple = /^(\w+)$/.exec(inner);
    const pl = /^(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    const forms = pl ? parseForms(pl[2]) : null;
    if (simple && simple[1] in params) {
      out += String(params[simple[1]]);
    } else if (pl && forms && pl[1] in params && Number.isFinite(Number(params[pl[1]]))) {
      out += format(loc, plural(loc, Number(params[pl[1]]), forms), params);
    } else {
      out += template.slice(open, end);
    }
    i = end;
  }
  return out + template.slice(i);
}

export function translate(
  locale: Locale,
  key: Key,
  params: Record<string, string | number> = {},
): string {
  const template = dictionaries[locale][key] ?? en[key];
  return format(locale, template, params);
}

export const locale = writable<Locale>(detectLocale());

export function setLocale(next: Locale): void {
  locale.set(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the choice still holds for this session.
  }
}

locale.subscribe((l) => {
  if (typeof document !== "undefined") document.documentElement.lang = l;
});

/** `$t("key", {n: 3})` in components. */
export const t = derived(
  locale,
  (l) =>
    (key: Key, params?: Record<string, string | number>): string =>
      translate(l, key, params),
);

/** An article's language as the interface knows it; any other code is `unknown`. */
function knownLanguage(code: string): "uk" | "ru" | "other" | "unknown" {
  return code === "uk" || code === "ru" || code === "other" ? code : "unknown";
}

/** Language names for article languages (`uk`, `ru`, `other`, `unknown`). */
export function languageKey(code: string): Key {
  return `lang.${knownLanguage(code)}`;
}

/**
 * The short language badge of result rows: `Ukr`/`укр`, not `UK`, which reads
 * as the United Kingdom (and `RU` as a country code).
 */
export function languageBadgeKey(code: string): Key {
  return `badge.${knownLanguage(code)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A publication date for display; partial dates (`2022`, `2022-03`) stay as they are. */
export function formatDate(iso: string | null | undefined, loc: Locale): string {
  if (!iso) return "";
  if (iso.length < 10) return iso;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(loc === "uk" ? "uk-UA" : "en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(d);
}
