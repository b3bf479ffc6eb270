"""The seed text of the section's information pages: the accessibility statement (required by
law; its sections in the order of the model statement of Decision (EU) 2018/1523, the
enforcement body in fields of its own) and the notice on cookies and personal data. Loaded
with the rest of the seed content (seed_content.py).
"""

from ..models import InfoPage


def both(bg, en):
    """Return a field's Bulgarian and English values for the loader."""
    return {"bg": bg, "en": en}


INFO_PAGES = [
    {
        "key": "info:accessibility",
        "page_key": InfoPage.Key.ACCESSIBILITY,
        "order": 10,
        "title": both("Декларация за достъпност", "Accessibility statement"),
        "slug": both("dostapnost", "accessibility"),
        "body": both(
            "<p>Община Стара Загора се ангажира да направи раздела „Международна дейност“ на "
            "своя сайт достъпен в съответствие с чл. 58в от Закона за електронното управление "
            "и чл. 39, ал. 2 от Наредбата за общите изисквания към информационните системи, "
            "регистрите и електронните административни услуги, които изискват съответствие "
            "със стандарта EN 301 549 (WCAG 2.1, ниво AA).</p>"
            "<h3>Състояние на съответствие</h3>"
            "<p>Разделът е в частично съответствие със стандарта EN 301 549 (WCAG 2.1, ниво "
            "AA) поради несъответствието, посочено по-долу. Всяка страница се проверява "
            "автоматично при всяка промяна на програмния код (axe-core и Nu Html Checker); "
            "независима оценка на съответствието все още не е извършена.</p>"
            "<h3>Недостъпно съдържание</h3>"
            "<p>Изображенията (лога и гербове) се публикуват от служители на общината. "
            "Системата изисква за всяко изображение текстово описание; ако забележите "
            "изображение без смислено описание, моля, съобщете ни.</p>"
            "<h3>Изготвяне на декларацията</h3>"
            "<p>Декларацията е изготвена на 25 ноември 2026 г. въз основа на самооценка на "
            "разработчиците на раздела. Последно е прегледана на 25 ноември 2026 г.</p>"
            "<h3>Обратна връзка и данни за контакт</h3>"
            "<p>Ако срещнете затруднение при ползването на раздела или забележите проблем с "
            "достъпността, съобщете ни чрез формуляра за обратна връзка (връзката „Съобщете "
            "за проблем с тази страница“ в долната част на всяка страница), "
            "на адрес: Дирекция „Европейски програми и протокол“, Община Стара Загора, бул. "
            "„Цар Симеон Велики“ 107, 6000 Стара Загора, или на горещия телефон 0800 157 37 "
            "(безплатен, 24 часа). Можете да поискате и съдържанието на раздела в друга "
            "достъпна форма.</p>",
            "<p>Stara Zagora Municipality is committed to making the “International activity” "
            "section of its website accessible in accordance with Article 58c of the "
            "Electronic Governance Act and Article 39(2) of the Ordinance on the General "
            "Requirements for Information Systems, Registers and Electronic Administrative "
            "Services, which require conformance with the EN 301 549 standard (WCAG 2.1, "
            "level AA).</p>"
            "<h3>Compliance status</h3>"
            "<p>The section is partially compliant with the EN 301 549 standard (WCAG 2.1, "
            "level AA) due to the non-compliance listed below. Every page is checked "
            "automatically at every change of the code (axe-core and the Nu Html Checker); "
            "no independent assessment of compliance has been made yet.</p>"
            "<h3>Non-accessible content</h3>"
            "<p>Images (logos and coats of arms) are published by the municipality's staff. "
            "The system requires a text description for every image; if you notice an image "
            "without a meaningful description, please tell us.</p>"
            "<h3>Preparation of this statement</h3>"
            "<p>This statement was prepared on 25 November 2026, based on a self-assessment "
            "by the section's developers. It was last reviewed on 25 November 2026.</p>"
            "<h3>Feedback and contact information</h3>"
            "<p>If you have difficulty using the section or notice an accessibility problem, "
            "please tell us through the feedback form (the link “Report a problem "
            "with this page” at the bottom of every page), at: Directorate “European "
            "Programmes and Protocol”, Stara Zagora Municipality, 107 Tsar Simeon Veliki "
            "Blvd, 6000 Stara Zagora, or on the hotline 0800 157 37 (free of charge, 24 "
            "hours). You can also ask for the section's content in another accessible "
            "form.</p>",
        ),
        # The enforcement procedure follows the text, from these fields (info_page.html),
        # as the model statement of Decision (EU) 2018/1523 orders it.
        "enforcement_body": both(
            "Държавна агенция „Електронно управление“", "State e-Government Agency"
        ),
        "enforcement_website": "https://e-gov.bg/",
    },
    {
        "key": "info:privacy",
        "page_key": InfoPage.Key.PRIVACY,
        "order": 20,
        "title": both("Бисквитки и лични данни", "Cookies and personal data"),
        "slug": both("biskvitki-i-lichni-danni", "cookies-and-personal-data"),
        "body": both(
            "<p>Публичните страници на раздела „Международна дейност“ не поставят бисквитки, "
            "не използват инструменти за проследяване и не зареждат съдържание от други "
            "сайтове. Единствено формулярът за обратна връзка и формулярът за предложение за "
            "партньорство или посещение поставят строго необходима бисквитка за защита от "
            "подправени заявки (CSRF).</p>"
            "<p>Съобщенията, изпратени чрез формуляра за обратна връзка, заедно с името и "
            "адреса на електронна поща, ако сте ги посочили, се съхраняват, за да ви "
            "отговорим и да подобрим раздела; виждат ги само служителите, които отговарят за "
            "него.</p>"
            "<p>Предложенията за партньорство и заявките за посещение, заедно с "
            "организацията, държавата, лицето за контакт, адреса на електронна поща и "
            "телефона, ако сте го посочили, се съхраняват, за да отговорим на заявката; "
            "виждат ги само служителите на звеното, което отговаря за международната "
            "дейност.</p>"
            "<p>Служителите на общината, които редактират съдържанието, получават при вход в "
            "административния панел бисквитки за сесията и за защита от подправени заявки "
            "(CSRF). Те са строго необходими и се изтриват при изход или изтичане на "
            "сесията.</p>"
            "<p>Администратор на лични данни е Община Стара Загора, бул. „Цар Симеон Велики“ "
            "107, 6000 Стара Загора.</p>",
            "<p>The public pages of the “International activity” section set no cookies, use "
            "no tracking tools and load no content from other websites. Only the feedback "
            "form and the form to propose a partnership or request a visit set a strictly "
            "necessary cookie that protects against forged requests (CSRF).</p>"
            "<p>Messages sent through the feedback form, with the name and e-mail address "
            "if you gave them, are stored so that we can answer you and improve the section; "
            "only the staff responsible for the section see them.</p>"
            "<p>Partnership proposals and visit requests, with the organisation, the "
            "country, the contact person, the e-mail address and the telephone if you gave "
            "it, are stored so that we can answer the request; only the staff of the unit "
            "responsible for the international activity see them.</p>"
            "<p>Municipal staff who edit the content receive, when they log into the "
            "administration panel, cookies for the session and for protection against forged "
            "requests (CSRF). These are strictly necessary and are removed when they log out "
            "or the session expires.</p>"
            "<p>The controller of personal data is Stara Zagora Municipality, 107 Tsar Simeon "
            "Veliki Blvd, 6000 Stara Zagora.</p>",
        ),
    },
]
