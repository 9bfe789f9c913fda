#include "ingest/spreadsheet.h"

#include <libxml/xmlreader.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "core/time.h"
#include "ingest/archive.h"
#include "ingest/internal/xml_reader.h"

namespace pl::ingest {
namespace {

constexpr ArchiveLimits kWorkbookLimits{.max_entries = 10'000,
                                        .max_total_bytes = int64_t{1} << 30,
                                        .max_entry_bytes = int64_t{256} << 20,
                                        .max_ratio = 1000};
constexpr int64_t kMostColumns = 16'384;  // Excel's: XFD
constexpr int64_t kMostRows = 1'048'576;

// One member's XML, read node by node with libxml2's streaming reader.
class Xml {
 public:
  static Result<Xml> Open(std::string_view text, std::string member) {
    if (text.size() > static_cast<size_t>(INT_MAX)) {
      return ResourceExhausted(member + " is over 2 GiB");
    }
    if (text.find("<!DOCTYPE") != std::string_view::npos) {
      return InvalidArgument(member + ": a document type declaration (<!DOCTYPE>) is not read");
    }
    xmlInitParser();
    Xml x;
    x.member_ = std::move(member);
    x.reader_.reset(xmlReaderForMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr,
                                       XML_PARSE_NONET | XML_PARSE_BIG_LINES));
    if (!x.reader_) return InvalidArgument(x.member_ + " is not readable XML");
    x.error_ = std::make_unique<std::string>();
    xmlTextReaderSetStructuredErrorHandler(x.reader_.get(), internal::KeepFirstXmlError,
                                           x.error_.get());
    return x;
  }

  // The next node; false at the end (then status() says whether the XML was whole).
  bool Next() {
    if (skip_) {
      skip_ = false;
      ret_ = xmlTextReaderNext(reader_.get());
    } else {
      ret_ = xmlTextReaderRead(reader_.get());
    }
    return ret_ == 1 && error_->empty();
  }
  // Leaves the current element's content unread: the next node is what follows it.
  void SkipContent() { skip_ = true; }

  Status status() const {
    if (ret_ < 0 || !error_->empty()) {
      return InvalidArgument(member_ + " is not readable XML: " +
                             (error_->empty() ? std::string("malformed") : *error_));
    }
    return OkStatus();
  }
  int type() const { return xmlTextReaderNodeType(reader_.get()); }
  bool element() const { return type() == XML_READER_TYPE_ELEMENT; }
  bool end() const { return type() == XML_READER_TYPE_END_ELEMENT; }
  bool empty_element() const { return xmlTextReaderIsEmptyElement(reader_.get()) == 1; }
  bool text() const {
    const int t = type();
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
           t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || t == XML_READER_TYPE_WHITESPACE;
  }
  std::string_view name() const { return Chars(xmlTextReaderConstLocalName(reader_.get())); }
  std::string_view value() const { return Chars(xmlTextReaderConstValue(reader_.get())); }
  // An attribute by its local name, whatever its namespace (strict and transitional OOXML name
  // the relationships' namespace differently).
  std::optional<std::string> attribute(std::string_view local) {
    std::optional<std::string> out;
    xmlTextReaderPtr r = reader_.get();
    if (xmlTextReaderMoveToFirstAttribute(r) != 1) return out;
    do {
      if (Chars(xmlTextReaderConstLocalName(r)) == local) {
        out.emplace(Chars(xmlTextReaderConstValue(r)));
        break;
      }
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return out;
  }
  const std::string& member() const { return member_; }
  int line() const { return xmlTextReaderGetParserLineNumber(reader_.get()); }

 private:
  static std::string_view Chars(const xmlChar* s) {
    return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
  }
  std::unique_ptr<xmlTextReader, internal::FreeXmlReader> reader_;
  std::unique_ptr<std::string> error_;
  std::string member_;
  int ret_ = 0;
  bool skip_ = false;
};

// The workbook's members, read on demand.
class Workbook {
 public:
  static Result<Workbook> Open(const std::string& path) {
    Workbook w;
    ASSIGN_OR_RETURN(w.archive_, OpenArchive(path, kWorkbookLimits));
    ASSIGN_OR_RETURN(w.reader_, w.archive_->NewReader());
    return w;
  }
  bool Has(std::string_view name) const { return Index(name).has_value(); }
  // The member's bytes; empty where the workbook has no such member and `required` is false.
  Result<std::string> Read(std::string_view name, bool required) {
    const auto i = Index(name);
    if (!i) {
      if (!required) return std::string();
      return InvalidArgument("the workbook has no " + std::string(name));
    }
    std::string out;
    RETURN_IF_ERROR(reader_->Read(*i, out));
    return out;
  }

 private:
  std::optional<size_t> Index(std::string_view name) const {
    const auto& e = archive_->entries();
    auto it =
        std::lower_bound(e.begin(), e.end(), name,
                         [](const ArchiveEntry& a, std::string_view n) { return a.name < n; });
    if (it == e.end() || it->name != name) return std::nullopt;
    return static_cast<size_t>(it - e.begin());
  }
  std::unique_ptr<Archive> archive_;
  std::unique_ptr<ArchiveReader> reader_;
};

struct SheetRef {
  std::string member;  // "xl/worksheets/sheet1.xml"
  bool date1904 = false;
};

// A relationship's target, relative to "xl/" unless it starts with '/'; "../" climbs.
std::string Resolve(std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  std::string base = "xl";
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    base = base.substr(0, base.rfind('/') == std::string::npos ? 0 : base.rfind('/'));
  }
  return base.empty() ? std::string(target) : base + "/" + std::string(target);
}

Result<SheetRef> FirstSheet(Workbook& book) {
  ASSIGN_OR_RETURN(const std::string workbook, book.Read("xl/workbook.xml", true));
  ASSIGN_OR_RETURN(Xml x, Xml::Open(workbook, "xl/workbook.xml"));
  SheetRef ref;
  std::optional<std::string> rel, first_rel;
  while (x.Next()) {
    if (!x.element()) continue;
    if (x.name() == "workbookPr") {
      const auto v = x.attribute("date1904");
      ref.date1904 = v && (*v == "1" || *v == "true");
    } else if (x.name() == "sheet") {
      const auto id = x.attribute("id");
      if (!id) continue;
      if (!first_rel) first_rel = id;
      const auto state = x.attribute("state");
      if (!state || *state == "visible") {
        rel = id;
        break;
      }
    }
  }
  RETURN_IF_ERROR(x.status());
  if (!rel) rel = first_rel;  // every sheet hidden: the first
  if (!rel) return InvalidArgument("the workbook has no worksheet");
  ASSIGN_OR_RETURN(const std::string rels, book.Read("xl/_rels/workbook.xml.rels", false));
  if (rels.empty()) {
    ref.member = "xl/worksheets/sheet1.xml";
    return ref;
  }
  ASSIGN_OR_RETURN(Xml r, Xml::Open(rels, "xl/_rels/workbook.xml.rels"));
  while (r.Next()) {
    if (!r.element() || r.name() != "Relationship" || r.attribute("Id") != rel) continue;
    if (const auto target = r.attribute("Target")) ref.member = Resolve(*target);
    break;
  }
  RETURN_IF_ERROR(r.status());
  if (ref.member.empty()) {
    return InvalidArgument("the workbook's first sheet (" + rel->substr(0, 40) +
                           ") has no target in xl/_rels/workbook.xml.rels");
  }
  return ref;
}

// The shared strings' texts: each <si>'s <t> runs, less phonetic guides (<rPh>).
Result<std::vector<std::string>> SharedStrings(Workbook& book) {
  std::vector<std::string> out;
  ASSIGN_OR_RETURN(const std::string text, book.Read("xl/sharedStrings.xml", false));
  if (text.empty()) return out;
  ASSIGN_OR_RETURN(Xml x, Xml::Open(text, "xl/sharedStrings.xml"));
  bool in_t = false;
  while (x.Next()) {
    if (x.element()) {
      if (x.name() == "si") {
        out.emplace_back();
      } else if (x.name() == "rPh") {
        x.SkipContent();
      } else if (x.name() == "t" && !out.empty()) {
        in_t = !x.empty_element();
      }
    } else if (x.end() && x.name() == "t") {
      in_t = false;
    } else if (in_t && x.text()) {
      out.back() += x.value();
    }
  }
  RETURN_IF_ERROR(x.status());
  return out;
}

// Whether a number format shows a date or a time: Excel's built-in ones (14–22, 45–47), or a
// format whose code, less quoted text, escaped characters and bracketed colours and locales,
// has d, m, y, h or s (as openpyxl and other readers tell them).
bool IsDateFormatCode(std::string_view code) {
  std::string plain;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      i = close == std::string_view::npos ? code.size() : close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped or spacing character
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      // [h], [mm], [ss]: elapsed time; anything else ([Red], [$-409]) is not the number
      if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 'm' ||
                              inside[0] == 'M' || inside[0] == 's' || inside[0] == 'S')) {
        plain += inside;
      }
      i = close == std::string_view::npos ? code.size() : close;
    } else {
      plain += c;
    }
  }
  if (plain.find_first_of("eE") != std::string::npos && plain.find_first_of("0#") != plain.npos) {
    return false;  // scientific, "0.00E+00"
  }
  return plain.find_first_of("dDmMyYhHsS") != std::string::npos && AsciiLower(plain) != "general";
}

// For each cell style (an index into <cellXfs>), whether it shows its number as a date or time.
Result<std::vector<bool>> DateStyles(Workbook& book) {
  std::vector<bool> out;
  ASSIGN_OR_RETURN(const std::string text, book.Read("xl/styles.xml", false));
  if (text.empty()) return out;
  ASSIGN_OR_RETURN(Xml x, Xml::Open(text, "xl/styles.xml"));
  std::unordered_map<int64_t, bool> custom;  // numFmtId → shows a date
  std::vector<int64_t> formats;              // per cell style
  bool in_cell_xfs = false;
  while (x.Next()) {
    if (x.end() && x.name() == "cellXfs") in_cell_xfs = false;
    if (!x.element()) continue;
    if (x.name() == "numFmt") {
      const auto id = x.attribute("numFmtId");
      const auto code = x.attribute("formatCode");
      int64_t n = -1;
      if (id && code && ParseNumber(*id, n)) custom[n] = IsDateFormatCode(*code);
    } else if (x.name() == "cellXfs") {
      in_cell_xfs = !x.empty_element();
    } else if (x.name() == "xf" && in_cell_xfs) {
      int64_t n = 0;
      if (const auto id = x.attribute("numFmtId"); !id || !ParseNumber(*id, n)) n = 0;
      formats.push_back(n);
    }
  }
  RETURN_IF_ERROR(x.status());
  out.reserve(formats.size());
  for (int64_t f : formats) {
    if (auto it = custom.find(f); it != custom.end()) {
      out.push_back(it->second);
    } else {
      out.push_back((f >= 14 && f <= 22) || (f >= 45 && f <= 47));
    }
  }
  return out;
}

// A date's serial number as text: days since 1899-12-30 (serials below 61 one day later, for
// the 29 February 1900 that Excel counts and that never was), or since 1904-01-01; a time of day
// to the nearest second. In the 1900 system a serial below 1 (day 0, which no date has) is a
// time of day alone, "hh:mm:ss".
std::string SerialDate(double serial, bool date1904) {
  const bool time_alone = !date1904 && serial < 1;
  if (!date1904 && serial < 61) serial += 1;
  const Date epoch =
      date1904 ? Date(std::chrono::year(1904) / 1 / 1) : Date(std::chrono::year(1899) / 12 / 30);
  const auto seconds = static_cast<int64_t>(std::llround(serial * 86400.0));
  const int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const int64_t rest = seconds - days * 86400;
  const Date day = epoch + std::chrono::days(days);
  if (time_alone) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(rest / 3600),
                  static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
    return buf;
  }
  if (rest == 0) return FormatDate(day);
  std::string t = FormatTimestamp(Timestamp(day) + std::chrono::seconds(rest));
  if (t.ends_with('Z')) t.pop_back();  // a spreadsheet's times have no zone
  return t;
}

// "BC12" → column 54 (0-based) and row 12; false where the reference is not one.
bool CellReference(std::string_view ref, int64_t& column, int64_t& row) {
  size_t i = 0;
  int64_t c = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    c = c * 26 + ((ref[i] | 0x20) - 'a' + 1);
    if (c > kMostColumns) return false;
    ++i;
  }
  if (i == 0 || i == ref.size() || !ParseNumber(ref.substr(i), row) || row < 1) return false;
  column = c - 1;
  return true;
}

void AppendField(std::string& out, std::string_view value) {
  std::string v(value);
  std::replace(v.begin(), v.end(), '\r', ' ');
  std::replace(v.begin(), v.end(), '\n', ' ');
  if (v.find_first_of(",;\"") == std::string::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// A sheet's rows as CSV text: row N as line N (rows left out as empty lines), each row filled
// with empty cells to the first row's width, fields with ',', ';' or '"' quoted, a cell's line
// breaks as spaces; ResourceExhausted past `max_bytes`.
class SheetWriter {
 public:
  explicit SheetWriter(size_t max_bytes) : max_bytes_(max_bytes) {}
  // Row `row` (1-based, above the rows written before) `times` times over; `cells` cleared. A
  // row without any cell writes nothing.
  Status Row(int64_t row, std::vector<std::string>& cells, int64_t times) {
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (cells.empty()) return OkStatus();
    if (width_ == 0) width_ = cells.size();
    if (cells.size() < width_) cells.resize(width_);
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line += ',';
      AppendField(line, cells[i]);
    }
    line += '\n';
    cells.clear();
    while (written_ < row - 1) out_ += '\n', ++written_;
    for (int64_t t = 0; t < times; ++t) {
      if (out_.size() + line.size() > max_bytes_) {
        return ResourceExhausted("the sheet is over " + std::to_string(max_bytes_ >> 20) +
                                 " MiB as CSV");
      }
      out_ += line;
      ++written_;
    }
    return OkStatus();
  }
  std::string Take() { return std::move(out_); }

 private:
  size_t max_bytes_;
  std::string out_;
  int64_t written_ = 0;  // lines written so far
  size_t width_ = 0;     // the first row's cells
};

// The first visible worksheet of an .xlsx workbook.
Result<std::string> XlsxSheet(Workbook& book, size_t max_bytes) {
  ASSIGN_OR_RETURN(const SheetRef sheet, FirstSheet(book));
  ASSIGN_OR_RETURN(const std::vector<std::string> strings, SharedStrings(book));
  ASSIGN_OR_RETURN(const std::vector<bool> date_styles, DateStyles(book));
  ASSIGN_OR_RETURN(const std::string text, book.Read(sheet.member, true));
  ASSIGN_OR_RETURN(Xml x, Xml::Open(text, sheet.member));

  SheetWriter out(max_bytes);
  std::vector<std::string> cells;
  int64_t row = 0, column = -1;
  std::string type, value;
  // Inside <v>; inside <is> (an inline string) and within it inside a <t> run.
  bool date = false, in_value = false, in_inline = false, in_run = false, row_open = false;
  auto fail = [&](const std::string& what) {
    return InvalidArgument(sheet.member + ": line " + std::to_string(x.line()) + ": " + what);
  };
  while (x.Next()) {
    if (x.element()) {
      const std::string_view name = x.name();
      if (name == "row") {
        int64_t r = row + 1;
        if (const auto at = x.attribute("r"); at && (!ParseNumber(*at, r) || r < 1)) {
          return fail("row number '" + at->substr(0, 20) + "' is not one");
        }
        if (r <= row || r > kMostRows) {
          return fail("row " + std::to_string(r) + " comes after row " + std::to_string(row));
        }
        row = r, column = -1, row_open = !x.empty_element();
      } else if (name == "c") {
        int64_t c = column + 1, r = row;
        if (const auto ref = x.attribute("r"); ref) {
          if (!CellReference(*ref, c, r)) return fail("'" + ref->substr(0, 20) + "' is not a cell");
          if (r != row) return fail("cell " + *ref + " is not in row " + std::to_string(row));
        }
        if (c <= column || c >= kMostColumns)
          return fail("cells out of order in row " + std::to_string(row));
        column = c;
        type = x.attribute("t").value_or("n");
        int64_t style = 0;
        if (const auto s = x.attribute("s"); !s || !ParseNumber(*s, style)) style = 0;
        date = style >= 0 && static_cast<size_t>(style) < date_styles.size() &&
               date_styles[static_cast<size_t>(style)];
        value.clear();
      } else if (name == "v") {
        in_value = !x.empty_element();
      } else if (name == "is") {
        in_inline = !x.empty_element();
      } else if (name == "t") {
        in_run = in_inline && !x.empty_element();
      } else if (name == "rPh") {
        x.SkipContent();
      }
      continue;
    }
    if (x.end()) {
      const std::string_view name = x.name();
      if (name == "v") in_value = false;
      if (name == "is") in_inline = false;
      if (name == "t") in_run = false;
      if (name == "c" && column >= 0) {
        std::string shown = value;
        if (type == "s") {
          int64_t i = -1;
          if (!ParseNumber(value, i) || i < 0 || static_cast<size_t>(i) >= strings.size()) {
            return fail("shared string " + value.substr(0, 20) + " is not in xl/sharedStrings.xml");
          }
          shown = strings[static_cast<size_t>(i)];
        } else if (type == "b") {
          shown = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
        } else if (type == "n" && date && !value.empty()) {
          double serial = 0;
          if (ParseNumber(value, serial) && std::isfinite(serial) && serial >= 0 &&
              serial < 2958466) {  // up to 9999-12-31
            shown = SerialDate(serial, sheet.date1904);
          }
        }
        if (!shown.empty()) {
          if (cells.size() <= static_cast<size_t>(column)) cells.resize(column + 1);
          cells[static_cast<size_t>(column)] = std::move(shown);
        }
      } else if (name == "row" && row_open) {
        row_open = false;
        RETURN_IF_ERROR(out.Row(row, cells, 1));
      }
      continue;
    }
    if (x.text() && (in_value || (in_run && type == "inlineStr"))) value += x.value();
  }
  RETURN_IF_ERROR(x.status());
  return out.Take();
}

// An OpenDocument time value, "PT09H30M00S" (fractions of seconds dropped), as "09:30:00";
// the text as it is where it is not one.
std::string OdsTime(std::string_view v) {
  int h = 0, m = 0, sec = 0;  // "PT09H30M00.5S" reads as 09:30:00 too
  if (std::sscanf(std::string(v).c_str(), "PT%dH%dM%d", &h, &m, &sec) != 3) return std::string(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, m, sec);
  return buf;
}

// The first sheet of an OpenDocument spreadsheet (.ods, LibreOffice's own format): content.xml's
// first <table:table>. A cell is its value attribute by type (float, percentage, currency: the
// number; date: the ISO date or date and time, fractions of seconds dropped; time: hh:mm:ss;
// boolean: TRUE or FALSE), else its text (paragraphs joined by spaces, <text:s> as its spaces);
// annotations are left out. Repeated cells and rows are written out as many times, except empty
// ones (LibreOffice repeats the empty rest of a sheet a million times).
Result<std::string> OdsSheet(Workbook& book, size_t max_bytes) {
  ASSIGN_OR_RETURN(const std::string mimetype, book.Read("mimetype", false));
  if (!mimetype.empty() && mimetype != "application/vnd.oasis.opendocument.spreadsheet") {
    return InvalidArgument("an OpenDocument file, but not a spreadsheet (" +
                           mimetype.substr(0, 60) + "): save the sheet as .ods, .xlsx or CSV");
  }
  ASSIGN_OR_RETURN(const std::string text, book.Read("content.xml", true));
  ASSIGN_OR_RETURN(Xml x, Xml::Open(text, "content.xml"));
  auto fail = [&](const std::string& what) {
    return InvalidArgument("content.xml: line " + std::to_string(x.line()) + ": " + what);
  };
  auto repeats = [&](const char* attribute, int64_t most, int64_t& n) -> Status {
    n = 1;
    if (const auto v = x.attribute(attribute); v && (!ParseNumber(*v, n) || n < 1 || n > most)) {
      return fail(std::string(attribute) + " '" + v->substr(0, 20) + "' is not a count up to " +
                  std::to_string(most));
    }
    return OkStatus();
  };
  SheetWriter out(max_bytes);
  std::vector<std::string> cells;
  int tables = 0;  // tables opened
  int64_t row = 0, row_times = 1, column = 0, cell_times = 1;
  std::string value;  // the cell's, from an attribute or its text
  bool in_cell = false, from_text = false, paragraphs = false;
  // The cell read: its value in its columns (as many as it repeats), the next column after them.
  auto end_cell = [&]() -> Status {
    if (!value.empty()) {
      if (column + cell_times > kMostColumns) return fail("more than 16,384 columns");
      cells.resize(static_cast<size_t>(column + cell_times));
      for (int64_t k = 0; k < cell_times; ++k) cells[column + k] = value;
    }
    column += cell_times;
    return OkStatus();
  };
  while (x.Next()) {
    if (x.element()) {
      const std::string_view name = x.name();
      if (name == "table") {
        if (++tables > 1) break;  // the first sheet only
        continue;
      }
      if (tables != 1) continue;
      if (name == "table-row") {
        RETURN_IF_ERROR(repeats("number-rows-repeated", kMostRows, row_times));
        column = 0;
        if (x.empty_element()) row += row_times;
      } else if (name == "table-cell" || name == "covered-table-cell") {
        RETURN_IF_ERROR(repeats("number-columns-repeated", kMostColumns, cell_times));
        value.clear();
        from_text = paragraphs = false;
        const std::string type = x.attribute("value-type").value_or("");
        if (type == "float" || type == "percentage" || type == "currency") {
          value = x.attribute("value").value_or("");
        } else if (type == "date") {
          value = x.attribute("date-value").value_or("");
          if (const size_t dot = value.find('.'); dot != std::string::npos) value.resize(dot);
        } else if (type == "time") {
          value = OdsTime(x.attribute("time-value").value_or(""));
        } else if (type == "boolean") {
          value = x.attribute("boolean-value").value_or("") == "true" ? "TRUE" : "FALSE";
        } else if (type == "string" || type.empty()) {
          from_text = !type.empty();
          if (const auto v = x.attribute("string-value")) value = *v, from_text = false;
        }
        in_cell = !x.empty_element();
        if (!in_cell) RETURN_IF_ERROR(end_cell());  // <table:table-cell/>: written now
      } else if (in_cell && name == "annotation") {
        x.SkipContent();
      } else if (in_cell && from_text && name == "p") {
        if (paragraphs) value += ' ';
        paragraphs = true;
      } else if (in_cell && from_text && name == "s") {
        int64_t n = 1;
        if (const auto c = x.attribute("c"); c && (!ParseNumber(*c, n) || n < 1 || n > 1000)) n = 1;
        value.append(static_cast<size_t>(n), ' ');
      } else if (in_cell && from_text && (name == "tab" || name == "line-break")) {
        value += ' ';
      }
      continue;
    }
    if (x.end()) {
      const std::string_view name = x.name();
      if (name == "table" && tables == 1) break;
      if (tables != 1) continue;
      if ((name == "table-cell" || name == "covered-table-cell") && in_cell) {
        in_cell = false;
        RETURN_IF_ERROR(end_cell());
      } else if (name == "table-row") {
        if (!cells.empty() && row + row_times > kMostRows) return fail("more than 1,048,576 rows");
        RETURN_IF_ERROR(out.Row(row + 1, cells, row_times));
        row += row_times;
      }
      continue;
    }
    if (in_cell && from_text && x.text()) value += x.value();
  }
  RETURN_IF_ERROR(x.status());
  if (tables == 0) return InvalidArgument("content.xml holds no sheet (<table:table>)");
  return out.Take();
}
}  // namespace

bool LooksLikeZip(std::string_view b) {
  return b.size() >= 4 && b[0] == 'P' && b[1] == 'K' &&
         ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));
}

Result<bool> IsSpreadsheet(const std::string& path) {
  ASSIGN_OR_RETURN(Workbook book, Workbook::Open(path));
  return book.Has("xl/workbook.xml") || book.Has("content.xml");
}

Result<std::string> SpreadsheetAsCsv(const std::string& path, size_t max_bytes) {
  auto opened = Workbook::Open(path);
  if (!opened.ok()) {
    return Status(opened.status().code(), "not a readable spreadsheet (.xlsx or .ods): " +
                                              std::string(opened.status().message()));
  }
  Workbook& book = *opened;
  if (book.Has("xl/workbook.xml")) return XlsxSheet(book, max_bytes);
  if (book.Has("content.xml")) return OdsSheet(book, max_bytes);
  return InvalidArgument(
      "a zip file, but not a spreadsheet (.xlsx or .ods: it has neither xl/workbook.xml nor "
      "content.xml): save the sheet as .xlsx, .ods or CSV");
}

}  // namespace pl::ingest
