#include "approval/approval_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <semaphore.h>
#include <signal.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <stdexcept>

#include "approval/approval_pages.h"
#include "core/file_io.h"
#include "core/text.h"

namespace danju {

namespace {

// A form holds a decision and a reason; anything longer is not a form of
// ours.
constexpr std::streamsize kMaxBody = 16 * 1024;
constexpr std::streamsize kMaxDrain = 1024 * 1024;

// Scripts, plugins, frames and outside loads are all refused; only the
// page's own style element and form posts back to this server are allowed.
const char kPagePolicy[] =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

void set_common_headers(HTTPServerResponse& response) {
  response.set("Cache-Control", "no-store");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
}

void send_page(HTTPServerResponse& response, const Page& page) {
  response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(
      page.status));
  set_common_headers(response);
  response.set("Content-Security-Policy", kPagePolicy);
  response.setContentType("text/html; charset=utf-8");
  response.setContentLength(static_cast<std::streamsize>(page.html.size()));
  response.sendBuffer(page.html.data(), page.html.size());
}

Page not_found_page() {
  return message_page(404, "页面不存在", "此地址没有页面。");
}

// "inline" with a plain-ASCII file name for old clients and the real
// name in RFC 5987 form for the rest.
std::string content_disposition(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  std::string ascii;
  for (const char c : name) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                       (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                       c == '_';
    ascii += plain ? c : '_';
  }
  if (ascii.empty()) ascii = "document.pdf";
  std::string encoded;
  Poco::URI::encode(name, "!#$&'()*+,/:;=?@[]\"<>%{}|\\^` ", encoded);
  return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

// Reads the body up to kMaxBody; false when it is longer. A longer body
// is still read and dropped up to kMaxDrain, so that the client finishes
// sending and sees the answer; past that the connection is closed under
// it.
bool read_body(HTTPServerRequest& request, HTTPServerResponse& response,
               std::string* body) {
  if (request.hasContentLength() &&
      request.getContentLength64() > kMaxDrain) {
    response.setKeepAlive(false);
    return false;
  }

  std::istream& stream = request.stream();
  body->resize(static_cast<std::size_t>(kMaxBody) + 1);
  stream.read(body->data(), kMaxBody + 1);
  body->resize(static_cast<std::size_t>(stream.gcount()));
  if (body->size() <= static_cast<std::size_t>(kMaxBody)) return true;

  stream.ignore(kMaxDrain);
  if (!stream.eof()) response.setKeepAlive(false);
  return false;
}

bool is_form(const HTTPServerRequest& request) {
  std::string type = request.getContentType();
  type = type.substr(0, type.find(';'));
  for (char& c : type) c = static_cast<char>(std::tolower(c));
  return trim(type) == "application/x-www-form-urlencoded";
}

class LinkRequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  LinkRequestHandler(const std::string& secret, LinkBackend& backend)
      : secret_(secret), backend_(backend) {}

  void handleRequest(HTTPServerRequest& request,
                     HTTPServerResponse& response) override {
    try {
      route(request, response);
    } catch (const std::exception& error) {
      std::cerr << "danju serve: " << request.getMethod() << " "
                << path_kind(request) << " failed: " << one_line(error.what())
                << "\n";
      if (!response.sent()) {
        response.setKeepAlive(false);
        send_page(response,
                  message_page(500, "服务器内部错误",
                               "暂时无法处理，请稍后再试，或回复审批邮件。"));
      }
    }
  }

 private:
  // The path without its token, for log lines: tokens are not logged.
  static std::string path_kind(const HTTPServerRequest& request) {
    const std::string& uri = request.getURI();
    if (uri.rfind("/a/", 0) == 0) return "/a/…";
    if (uri.rfind("/d/", 0) == 0) return "/d/…";
    return one_line(uri.substr(0, 80));
  }

  void route(HTTPServerRequest& request, HTTPServerResponse& response) {
    const std::string& uri = request.getURI();
    const std::string path = uri.substr(0, uri.find('?'));
    const std::string& method = request.getMethod();
    const bool read_only = method == HTTPServerRequest::HTTP_GET ||
                           method == HTTPServerRequest::HTTP_HEAD;

    if (path.rfind("/a/", 0) == 0) {
      const std::string token = path.substr(3);
      if (read_only) return show(token, response);
      if (method == HTTPServerRequest::HTTP_POST) {
        return decide(token, request, response);
      }
      response.set("Allow", "GET, HEAD, POST");
      return send_page(response, wrong_method_page());
    }

    if (path.rfind("/d/", 0) == 0) {
      const std::string token = path.substr(3);
      if (read_only) return send_pdf(token, response);
      response.set("Allow", "GET, HEAD");
      return send_page(response, wrong_method_page());
    }

    send_page(response, not_found_page());
  }

  static Page wrong_method_page() {
    return message_page(405, "不支持此请求方式",
                        "请从审批邮件中的链接打开本页。");
  }

  // The checks every use of a link shares. Returns true with *step filled
  // when the link may be used for its step; otherwise *refusal is the page
  // to send. Nothing here decides anything.
  bool check_link(const std::string& token, LinkClaim* claim,
                  LinkBackend::StepView* step, Page* refusal) {
    const LinkCheck check =
        verify_link(token, secret_, std::time(nullptr), claim);
    if (check == LinkCheck::malformed || check == LinkCheck::forged) {
      *refusal = invalid_link_page();
      return false;
    }

    *step = backend_.view(claim->step_id);
    if (check == LinkCheck::expired) {
      *refusal = expired_link_page(*step, *claim);
      return false;
    }
    if (!step->found) {
      *refusal = missing_step_page();
      return false;
    }
    // Limitation: the addresses are compared byte for byte; a step whose
    // approver was recorded as Head@Danju.example refuses a link signed
    // for head@danju.example, and the page says the link is not theirs.
    if (step->approver != claim->approver) {
      *refusal = other_approver_page(*step);
      return false;
    }
    return true;
  }

  void show(const std::string& token, HTTPServerResponse& response) {
    LinkClaim claim;
    LinkBackend::StepView step;
    Page refusal;
    if (!check_link(token, &claim, &step, &refusal)) {
      return send_page(response, refusal);
    }

    if (step.state != "pending") return send_page(response, closed_page(step));
    send_page(response, confirm_page(step, claim, token, ""));
  }

  void decide(const std::string& token, HTTPServerRequest& request,
              HTTPServerResponse& response) {
    // The body is read first, whatever the answer: a server that answers
    // and closes while the client is still sending makes it see a reset
    // instead of the page.
    std::string body;
    const bool body_fits = read_body(request, response, &body);

    LinkClaim claim;
    LinkBackend::StepView step;
    Page refusal;
    if (!check_link(token, &claim, &step, &refusal)) {
      return send_page(response, refusal);
    }

    if (!is_form(request)) {
      return send_page(response,
                       message_page(415, "提交格式不对",
                                    "请用本页的按钮提交。"));
    }
    if (!body_fits) {
      return send_page(response,
                       message_page(413, "提交内容过长",
                                    "理由请控制在两千字以内。"));
    }

    // Only the body counts: fields in the query string are ignored.
    Poco::Net::HTMLForm form;
    try {
      form.setEncoding(Poco::Net::HTMLForm::ENCODING_URL);
      form.read(body);
    } catch (const Poco::Exception&) {
      return send_page(response,
                       message_page(400, "提交内容无法读取",
                                    "请用本页的按钮重新提交。"));
    }

    if (form.get("decision", "") != claim.decision) {
      return send_page(response, mismatched_form_page());
    }
    const std::string reason = trim(form.get("reason", ""));
    if (!is_valid_utf8(reason)) {
      return send_page(response,
                       confirm_page(step, claim, token,
                                    "理由中有无法识别的字符，请重新填写。"));
    }
    if (claim.decision == "reject" && reason.empty()) {
      return send_page(response,
                       confirm_page(step, claim, token, "请填写驳回理由。"));
    }

    // The records decide whether the step still waits; a replayed post
    // stops here. Two posts at the same moment both reach decide(), and
    // the records let only one of them through.
    if (step.state != "pending") return send_page(response, closed_page(step));

    // Limitation: behind the company's proxy this is the proxy's address;
    // X-Forwarded-For is not read, since any client could send one.
    const std::string client = request.clientAddress().host().toString();
    const std::string why_not = backend_.decide(claim, reason, client);
    if (!why_not.empty()) {
      std::cerr << "danju serve: step " << claim.step_id << ": the "
                << claim.decision << " link from " << client
                << " was refused: " << one_line(why_not) << "\n";
      return send_page(response,
                       refused_page(backend_.view(claim.step_id), why_not));
    }
    std::cerr << "danju serve: step " << claim.step_id << " "
              << (claim.decision == "approve" ? "approved" : "rejected")
              << " by link, from " << client << "\n";
    send_page(response, decided_page(step, claim, reason));
  }

  void send_pdf(const std::string& token, HTTPServerResponse& response) {
    LinkClaim claim;
    LinkBackend::StepView step;
    Page refusal;
    if (!check_link(token, &claim, &step, &refusal)) {
      return send_page(response, refusal);
    }

    if (step.pdf_path.empty() || !file_exists(step.pdf_path)) {
      std::cerr << "danju serve: step " << claim.step_id
                << ": the document's PDF is missing ("
                << (step.pdf_path.empty() ? "no path recorded"
                                          : one_line(step.pdf_path))
                << ")\n";
      return send_page(response,
                       message_page(404, "找不到单据文件",
                                    "单据的 PDF 文件暂时无法提供，"
                                    "请查看审批邮件的附件。"));
    }

    // No Content-Security-Policy here: some browsers' PDF viewers stop
    // working under one, and nosniff keeps the bytes a PDF.
    set_common_headers(response);
    response.set("Content-Disposition", content_disposition(step.pdf_path));
    response.sendFile(step.pdf_path, "application/pdf");
  }

  const std::string& secret_;
  LinkBackend& backend_;
};

class LinkHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  LinkHandlerFactory(const std::string& secret, LinkBackend& backend)
      : secret_(secret), backend_(backend) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const HTTPServerRequest&) override {
    return new LinkRequestHandler(secret_, backend_);
  }

 private:
  const std::string& secret_;
  LinkBackend& backend_;
};

Poco::Net::ServerSocket listen_at(const ServerSettings& settings) {
  try {
    // Without SO_REUSEPORT, so a second server on a port in use fails
    // instead of silently sharing it.
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(
                    settings.address, static_cast<Poco::UInt16>(settings.port)),
                true, false);
    socket.listen(64);
    return socket;
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cannot listen for approval links on " +
                             settings.address + ":" +
                             std::to_string(settings.port) + ": " +
                             error.displayText());
  }
}

Poco::Net::HTTPServerParams::Ptr server_params(
    const ServerSettings& settings) {
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(settings.threads);
  params->setMaxQueued(64);
  params->setTimeout(Poco::Timespan(20, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setMaxKeepAliveRequests(50);
  return params;
}

ServerSettings checked(const ServerSettings& settings,
                       const std::string& secret) {
  if (secret.empty()) {
    throw std::invalid_argument(
        "the approval link secret is empty; no link could be checked");
  }
  if (settings.port < 0 || settings.port > 65535) {
    throw std::invalid_argument("approval link server port " +
                                std::to_string(settings.port) +
                                " is not between 0 and 65535");
  }
  if (settings.threads < 1 || settings.threads > 64) {
    throw std::invalid_argument("approval link server threads " +
                                std::to_string(settings.threads) +
                                " is not between 1 and 64");
  }
  return settings;
}

// Posted by the signal handler; sem_post is safe to call there.
sem_t stop_signal;
std::once_flag stop_signal_made;

extern "C" void on_stop_signal(int) { sem_post(&stop_signal); }

}  // namespace

struct ApprovalServer::Impl {
  Impl(const ServerSettings& settings, const std::string& secret,
       LinkBackend& backend)
      : pool(1, settings.threads),
        server(new LinkHandlerFactory(secret, backend), pool,
               listen_at(settings), server_params(settings)) {
    server.start();
  }

  ~Impl() {
    server.stopAll(true);
    pool.joinAll();
  }

  Poco::ThreadPool pool;  // before server: it must outlive it
  Poco::Net::HTTPServer server;
};

ApprovalServer::ApprovalServer(const ServerSettings& settings,
                               const std::string& secret,
                               LinkBackend& backend)
    : impl_(std::make_unique<Impl>(checked(settings, secret), secret,
                                   backend)) {}

ApprovalServer::~ApprovalServer() = default;

int ApprovalServer::port() const { return impl_->server.port(); }

void ApprovalServer::wait_for_signal() {
  std::call_once(stop_signal_made, [] { sem_init(&stop_signal, 0, 0); });
  // Signals left over from an earlier wait do not end this one.
  while (sem_trywait(&stop_signal) == 0) {
  }

  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  struct sigaction old_term {}, old_int {};
  sigaction(SIGTERM, &action, &old_term);
  sigaction(SIGINT, &action, &old_int);

  while (sem_wait(&stop_signal) != 0 && errno == EINTR) {
  }

  sigaction(SIGTERM, &old_term, nullptr);
  sigaction(SIGINT, &old_int, nullptr);
}

}  // namespace danju
