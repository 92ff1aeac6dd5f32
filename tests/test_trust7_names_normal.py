"""attacks4 B13: a person's or a place's name is kept in the normal form of a client's
name (format characters dropped, Unicode NFC, trimmed), so a name typed with a zero-width
space, a soft hyphen or a decomposed accent is one name with its plain form."""
import datetime as dt

from workbook.session.conversations import model

DAY = dt.date(2026, 12, 1)


def test_a_name_typed_decomposed_or_with_an_invisible_character_is_kept_in_one_form():
    book = model.Book()
    op = model.add_place_op(book, "Mu\u0308seum\u200b ", place_id="m", today=DAY, now=DAY)
    assert op["fields"]["name"] == "M\u00fcseum"
    model.apply(book, op)
    op = model.add_op(" Zoe\u0308\u00ad", org="M\u00fcseum", person_id="z", today=DAY,
                      now=DAY, book=book)
    assert op["fields"]["name"] == "Zo\u00eb"
    model.apply(book, op)
    model.apply(book, model.add_op("Ana", org="Mu\u0308seum", person_id="a", today=DAY,
                                   now=DAY, book=book))
    assert [p.name for p in book.places.values()] == ["M\u00fcseum"]
    assert book.counts()["places_listed"] == 1
    assert book.people["a"].place == book.people["z"].place == "m"
    edited = model.edit_op(book, "a", name="Ana\u200b Ruiz")
    assert edited["fields"]["name"] == "Ana Ruiz"
