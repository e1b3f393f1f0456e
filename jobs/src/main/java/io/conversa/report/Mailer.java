package io.conversa.report;

import io.conversa.common.Errors;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Sends a report over SMTP with Jakarta Mail: the HTML as the body, the PDF and the CSV attached.
 * One message per client, to all of its recipients.
 */
public final class Mailer {
  private final SmtpSettings smtp;
  private final Session session;

  public Mailer(SmtpSettings smtp) {
    this.smtp = smtp;
    Properties props = new Properties();
    props.put("mail.smtp.host", smtp.host());
    props.put("mail.smtp.port", Integer.toString(smtp.port()));
    props.put("mail.smtp.auth", Boolean.toString(smtp.user() != null));
    props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
    props.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
    props.put("mail.smtp.connectiontimeout", "20000");
    props.put("mail.smtp.timeout", "60000");
    this.session = Session.getInstance(props);
  }

  /** A written report, ready to send. */
  /** @param images PNG images the HTML names as {@code cid:<key>} */
  public record Outgoing(List<String> recipients, String subject, String html, Map<String, byte[]> images, byte[] pdf, byte[] csv) {}

  public void send(Outgoing mail) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(smtp.from()));
      for (String recipient : mail.recipients()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
      }
      message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setContent(mail.html(), "text/html; charset=UTF-8");
      // The page and the images it shows travel together (multipart/related), the files beside them.
      MimeMultipart page = new MimeMultipart("related");
      page.addBodyPart(html);
      for (Map.Entry<String, byte[]> image : mail.images().entrySet()) {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.getValue(), "image/png")));
        part.setContentID("<" + image.getKey() + ">");
        part.setDisposition(MimeBodyPart.INLINE);
        part.setFileName(image.getKey() + ".png");
        page.addBodyPart(part);
      }
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(page);
      MimeMultipart parts = new MimeMultipart("mixed");
      parts.addBodyPart(body);
      parts.addBodyPart(attachment("report.pdf", mail.pdf(), "application/pdf"));
      parts.addBodyPart(attachment("report.csv", mail.csv(), "text/csv; charset=UTF-8"));
      message.setContent(parts);
      if (smtp.user() != null) {
        Transport.send(message, smtp.user(), smtp.password());
      } else {
        Transport.send(message);
      }
    } catch (MessagingException e) {
      // The exception can quote the server's reply and addresses: name its type only.
      throw Errors.runFailed("sending a report through the SMTP server failed: " + e.getClass().getSimpleName() + ".",
          "check CONVERSA_SMTP_* and that the server accepts mail from CONVERSA_SMTP_FROM; reports already sent stay sent.", e);
    }
  }

  private static MimeBodyPart attachment(String name, byte[] bytes, String type) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
    part.setFileName(name);
    part.setDisposition(MimeBodyPart.ATTACHMENT);
    return part;
  }
}
