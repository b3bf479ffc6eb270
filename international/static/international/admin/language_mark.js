// Keeps a name's language in rich text: <span lang="en">Open Days</span>, read by screen
// readers in that language. Without this mark the editor drops such a span (and its lang)
// when it loads the text, so the next save would lose it. Its toolbar button "EN" marks
// the selection as English, or unmarks it.
import { Mark, mergeAttributes } from "django-prose-editor/editor"

export const Language = Mark.create({
  name: "language",
  addAttributes() {
    return { lang: { default: null, parseHTML: (element) => element.getAttribute("lang") } }
  },
  parseHTML() {
    return [{ tag: "span[lang]" }]
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes), 0]
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "language",
      groups: "marks",
      // Its label is translated by rich_text_labels.js, as the editor's own are.
      button: buttons.text("EN", "mark as English"),
      active: (editor) => editor.isActive("language", { lang: "en" }),
      command(editor) {
        editor.chain().focus().toggleMark("language", { lang: "en" }).run()
      },
    })
  },
})
