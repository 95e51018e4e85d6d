// Loaded at the end of <body> with:
//   <script type="module" src="{% static 'js/app.js' %}"></script>
// Replaces GOV.UK Frontend's inline <body> snippet (kept out of the HTML so that a strict
// Content-Security-Policy can forbid inline scripts). Imports are hoisted, but initAll() only runs after the class is
// set below. The relative import works under any STATIC_URL.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.className +=
  ' js-enabled' +
  ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')

initAll()
