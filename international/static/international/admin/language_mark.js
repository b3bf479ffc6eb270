// Keeps a name's language in rich text: <span lang="en">Open Days</span>, read by screen
// readers in that language. Without this mark the editor drops such a span (and its lang)
// when it loads the text, so the next save would lose it.
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
})
