"""A Markdown paper list (an awesome-list README) read into records, one step per module:

1. :mod:`.structure` finds the list's structure: headings, items (bullets, numbered items, table
   rows, entry paragraphs) and their lines, with file positions; :mod:`.htmlblocks` the items
   inside its HTML blocks, :mod:`.depth` the bullets nested past what the parser reads;
2. :mod:`.entry` reads what one item says about a paper (title, short name, authors, year,
   venue, links), with :mod:`.text` for the plain-text parts and :mod:`.links` for what a link
   points at;
3. :mod:`.read` reads the whole list: one paper however often it is listed, dated by the
   headings it sits under, leaving out the sections of other things than papers
   (:mod:`.sections`);
4. :mod:`.taxonomy` turns the headings into taxonomy nodes, or maps them onto a catalog's;
5. :mod:`.records` writes the records and accounts for every item in the report, with
   :mod:`.held` to find the record that holds a paper already (ids before a title), and
   :mod:`.missed` for every link to a paper's host in the file.
"""
