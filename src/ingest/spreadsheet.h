// A spreadsheet as Excel, LibreOffice and Google Sheets save it — an .xlsx workbook (Office Open
// XML) or an .ods one (OpenDocument, LibreOffice's own) — read as the CSV text of its first
// (visible) sheet, so that every import that takes a CSV file takes the spreadsheet too (the
// roster, interactions, nominations, account links, survey answers, sign-ups; `peerlearn
// network`). Survey tools such as Microsoft Forms export their answers only this way.
//
// Row N of the sheet is line N of the text: rows the sheet leaves out are empty lines (which the
// CSV reader skips), and a cell's line breaks become spaces, so an import's "line 7" is the
// sheet's row 7. Each cell is written as its value: text as is; a number as stored; a date as
// YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss where it has a time of day (in .xlsx a serial number shown
// through a date format, 1900 or 1904 date system as the workbook says), a time alone as
// hh:mm:ss; TRUE or FALSE; a formula's last computed value; an error as shown (#N/A). Rows are
// filled with empty cells up to the first row's width. Fields holding ',', ';' or '"' are quoted.
//
// The file is read as a hostile zip is (at most 10,000 members, 256 MiB inflated per member,
// 1 GiB in all, no member inflating over 1,000 times; nothing written to disk), its XML with no
// document type declaration (refused: no entity is ever expanded) and nothing fetched.
//
//   if (LooksLikeZip(first_bytes)) ASSIGN_OR_RETURN(text, SpreadsheetAsCsv(path, 512 << 20));
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace pl::ingest {

// Whether a file's first bytes are a zip's (.xlsx and .ods files are).
bool LooksLikeZip(std::string_view first_bytes);

// Whether the zip at `path` is a spreadsheet (it holds xl/workbook.xml or content.xml); errors as
// opening it does.
Result<bool> IsSpreadsheet(const std::string& path);

// The first (visible) sheet of the spreadsheet at `path`, as CSV text of at most `max_bytes`.
// InvalidArgument naming what is wrong (a zip that is no spreadsheet, an OpenDocument file that
// is no spreadsheet, a workbook without a sheet, malformed XML with its member and line, a
// shared string that is not there); ResourceExhausted past a limit.
Result<std::string> SpreadsheetAsCsv(const std::string& path, size_t max_bytes);

}  // namespace pl::ingest
