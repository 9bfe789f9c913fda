// What the readers of XML files (GEXF, .xlsx workbooks) share around libxml2's streaming reader.
//
//   std::unique_ptr<xmlTextReader, FreeXmlReader> r(xmlReaderForMemory(...));
//   std::string error;
//   xmlTextReaderSetStructuredErrorHandler(r.get(), KeepFirstXmlError, &error);
#pragma once

#include <libxml/xmlreader.h>

#include <string>

namespace pl::ingest::internal {

struct FreeXmlReader {
  void operator()(xmlTextReaderPtr r) const { xmlFreeTextReader(r); }
};

// Keeps the first error libxml2 reports, with its line ("line 3: ..."), in the std::string
// `context` points at.
inline void KeepFirstXmlError(void* context, xmlErrorPtr error) {
  auto& out = *static_cast<std::string*>(context);
  if (!out.empty() || error == nullptr) return;
  std::string message = error->message != nullptr ? error->message : "malformed XML";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  out = "line " + std::to_string(error->line) + ": " + message;
}

}  // namespace pl::ingest::internal
