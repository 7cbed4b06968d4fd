#include "mail/mail_codec.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace danju {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object mailbox_object(const Mailbox& mailbox) {
  Object object;
  object.set("name", mailbox.name);
  object.set("address", mailbox.address);
  return object;
}

Mailbox mailbox_from(const Object::Ptr& object) {
  return {object->getValue<std::string>("name"),
          object->getValue<std::string>("address")};
}

Array mailbox_array(const std::vector<Mailbox>& list) {
  Array array;
  for (const Mailbox& mailbox : list) array.add(mailbox_object(mailbox));
  return array;
}

std::vector<Mailbox> mailboxes_from(const Array::Ptr& array) {
  std::vector<Mailbox> list;
  for (std::size_t i = 0; i < array->size(); ++i) {
    list.push_back(mailbox_from(array->getObject(static_cast<unsigned>(i))));
  }
  return list;
}

}  // namespace

std::string encode_mail(const MailMessage& message) {
  Object root;
  root.set("message_id", message.message_id);
  root.set("date", message.date);
  root.set("from", mailbox_object(message.from));
  root.set("to", mailbox_array(message.to));
  root.set("cc", mailbox_array(message.cc));
  root.set("reply_to", mailbox_object(message.reply_to));
  root.set("subject", message.subject);
  root.set("in_reply_to", message.in_reply_to);
  root.set("text", message.text_body);
  root.set("html", message.html_body);
  Array attachments;
  for (const MailAttachment& attachment : message.attachments) {
    Object entry;
    entry.set("path", attachment.path);
    entry.set("file_name", attachment.file_name);
    entry.set("mime_type", attachment.mime_type);
    attachments.add(entry);
  }
  root.set("attachments", attachments);
  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

MailMessage decode_mail(const std::string& text) {
  Poco::JSON::Parser parser;
  const auto root = parser.parse(text).extract<Object::Ptr>();
  MailMessage message;
  message.message_id = root->getValue<std::string>("message_id");
  message.date = root->getValue<std::string>("date");
  message.from = mailbox_from(root->getObject("from"));
  message.to = mailboxes_from(root->getArray("to"));
  message.cc = mailboxes_from(root->getArray("cc"));
  if (root->has("reply_to")) {
    message.reply_to = mailbox_from(root->getObject("reply_to"));
  }
  message.subject = root->getValue<std::string>("subject");
  message.in_reply_to = root->getValue<std::string>("in_reply_to");
  message.text_body = root->getValue<std::string>("text");
  message.html_body = root->getValue<std::string>("html");
  const auto attachments = root->getArray("attachments");
  for (std::size_t i = 0; i < attachments->size(); ++i) {
    const auto entry = attachments->getObject(static_cast<unsigned>(i));
    message.attachments.push_back(
        {entry->getValue<std::string>("path"),
         entry->getValue<std::string>("file_name"),
         entry->getValue<std::string>("mime_type")});
  }
  return message;
}

}  // namespace danju
